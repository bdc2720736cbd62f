"use client";

import Link from "next/link";
import { useState } from "react";
import { FormError } from "@/components/FormError";
import { errorMessage, trpc } from "@/lib/trpc";
import { REASON_MAX_LENGTH, ROLE_KINDS, type RoleKind } from "@/server/domain/moderation";

type Role = Awaited<ReturnType<typeof trpc.moderation.roles.query>>["roles"][number];
type Debate = { slug: string; title: string };

const scopeText = (r: Role) =>
  r.role === "admin"
    ? "admin (site-wide)"
    : r.debate
      ? `moderator of “${r.debate.title}”`
      : "moderator, site-wide";

/** Admins grant and revoke moderator (site-wide or of a debate) and admin roles. */
export function RolesAdmin({
  initial,
  debates,
  me,
}: {
  initial: Role[];
  debates: Debate[];
  me: string;
}) {
  const [roles, setRoles] = useState(initial);
  const [handle, setHandle] = useState("");
  const [role, setRole] = useState<RoleKind>("moderator");
  const [debateSlug, setDebateSlug] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<Role>, verb: string) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const r = await work();
      setDone(`${verb} @${r.handle}: ${scopeText(r)}.`);
      setRoles((await trpc.moderation.roles.query()).roles);
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h2 id="grant-heading">Grant a role</h2>
      <form
        className="roles-form"
        aria-labelledby="grant-heading"
        onSubmit={async (e) => {
          e.preventDefault();
          const ok = await run(
            () =>
              trpc.moderation.grantRole.mutate({
                handle: handle.replace(/^@/, ""),
                role,
                debateSlug: role === "moderator" && debateSlug ? debateSlug : undefined,
                reason: reason || undefined,
              }),
            "Granted",
          );
          if (ok) {
            setHandle("");
            setReason("");
          }
        }}
      >
        <label>
          Handle
          <input value={handle} required onChange={(e) => setHandle(e.target.value)} />
        </label>
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.target.value as RoleKind)}>
            {ROLE_KINDS.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        {role === "moderator" && (
          <label>
            Where
            <select value={debateSlug} onChange={(e) => setDebateSlug(e.target.value)}>
              <option value="">site-wide</option>
              {debates.map((d) => (
                <option key={d.slug} value={d.slug}>
                  {d.title}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Reason (for the log)
          <input
            value={reason}
            maxLength={REASON_MAX_LENGTH}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        <button type="submit" disabled={busy}>
          Grant
        </button>
      </form>
      <FormError error={error} />
      {done && <p role="status">{done}</p>}

      <h2>Admins and moderators</h2>
      {roles.length === 0 ? (
        <p className="muted">Nobody yet.</p>
      ) : (
        <ul className="plain roles-list">
          {roles.map((r) => (
            <li key={`${r.handle}:${r.role}:${r.debate?.slug ?? ""}`}>
              <Link href={`/users/${r.handle}`}>@{r.handle}</Link> ({r.displayName}) ·{" "}
              {scopeText(r)}{" "}
              {!(r.role === "admin" && r.handle === me) && (
                <button
                  type="button"
                  className="link-button danger"
                  disabled={busy}
                  aria-label={`Revoke @${r.handle}: ${scopeText(r)}`}
                  onClick={() =>
                    void run(
                      () =>
                        trpc.moderation.revokeRole.mutate({
                          handle: r.handle,
                          role: r.role,
                          debateSlug: r.debate?.slug,
                        }),
                      "Revoked",
                    )
                  }
                >
                  Revoke
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
