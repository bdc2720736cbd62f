"use client";

import { useState } from "react";
import { errorMessage, trpc } from "@/lib/trpc";
import type { CruxForecasts } from "@/lib/types";
import { cruxStrength } from "@/server/domain/doubleCrux";
import { formatProbability } from "@/server/domain/probability";
import type { ClaimOption } from "./ForecastForm";
import { FormError } from "@/components/FormError";

interface Props {
  cruxId: number;
  debateSlug: string;
  links: CruxForecasts["links"];
  judgements: CruxForecasts["myJudgements"];
  claims: ClaimOption[];
  signedIn: boolean;
  onSaved: () => void;
}

/** Claims this crux bears on, and the viewer's P(claim | YES) / P(claim | NO) for each: the crux's strength for them. */
export function LinksPanel({
  cruxId,
  debateSlug,
  links,
  judgements,
  claims,
  signedIn,
  onSaved,
}: Props) {
  const [newClaim, setNewClaim] = useState("");
  const [error, setError] = useState<string | null>(null);
  const linked = new Set(links.map((l) => l.claimId));

  const addLink = async () => {
    setError(null);
    try {
      await trpc.cruxes.link.mutate({ id: cruxId, claimId: Number(newClaim) });
      setNewClaim("");
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <section aria-labelledby="links-heading">
      <h2 id="links-heading">Claims this crux bears on</h2>
      <p className="muted small">
        How much would the answer change your mind? Give P(claim | YES) and P(claim | NO); the gap
        is the crux&apos;s strength for you. People who disagree about a claim and about a crux both
        rate strong have a <strong>double crux</strong>.
      </p>
      <ul className="plain link-list">
        {links.map((l) => (
          <li key={l.claimId}>
            <a href={`/debates/${debateSlug}#claim-${l.claimId}`}>
              @{l.authorHandle}: {l.excerpt}
            </a>
            {signedIn && (
              <JudgementForm
                cruxId={cruxId}
                claimId={l.claimId}
                judgement={judgements.find((j) => j.claimId === l.claimId)}
                onSaved={onSaved}
              />
            )}
          </li>
        ))}
      </ul>
      {signedIn && (
        <div className="composer-row">
          <label htmlFor="link-claim">Also bears on</label>
          <select id="link-claim" value={newClaim} onChange={(e) => setNewClaim(e.target.value)}>
            <option value="">Choose a claim…</option>
            {claims
              .filter((c) => !linked.has(c.id))
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
          </select>
          <button
            type="button"
            className="secondary small"
            disabled={!newClaim}
            onClick={() => void addLink()}
          >
            Link claim
          </button>
        </div>
      )}
      <FormError error={error} />
    </section>
  );
}

function JudgementForm({
  cruxId,
  claimId,
  judgement,
  onSaved,
}: {
  cruxId: number;
  claimId: number;
  judgement: { pClaimIfYes: number; pClaimIfNo: number } | undefined;
  onSaved: () => void;
}) {
  const [ifYes, setIfYes] = useState(judgement ? formatProbability(judgement.pClaimIfYes) : "");
  const [ifNo, setIfNo] = useState(judgement ? formatProbability(judgement.pClaimIfNo) : "");
  const [error, setError] = useState<string | null>(null);
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await trpc.cruxes.link.mutate({ id: cruxId, claimId, pClaimIfYes: ifYes, pClaimIfNo: ifNo });
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <form
      className="judgement"
      onSubmit={save}
      aria-label={`Your conditional probabilities for claim ${claimId}`}
    >
      <label>
        P(claim | YES){" "}
        <input
          value={ifYes}
          onChange={(e) => setIfYes(e.target.value)}
          size={6}
          placeholder="80%"
        />
      </label>
      <label>
        P(claim | NO){" "}
        <input value={ifNo} onChange={(e) => setIfNo(e.target.value)} size={6} placeholder="30%" />
      </label>
      <button type="submit" className="secondary small">
        Save
      </button>
      {judgement && (
        <span className="small">
          Strength for you:{" "}
          <strong>
            {formatProbability(cruxStrength(judgement.pClaimIfYes, judgement.pClaimIfNo)).replace(
              "%",
              " pts",
            )}
          </strong>
        </span>
      )}
      {error && (
        <span className="error small" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
