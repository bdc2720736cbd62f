/** Evidence: a link or a quote attached to a crux, accepted until the crux is final. */
import { evidence } from "@/db/schema";
import { badInput } from "@/server/errors";
import { lockCrux } from "../cruxes";
import { debateEvent } from "../events";
import { commit, type Actor, type Services } from "../services";
import { ensureAllowed } from "./engine";

export interface EvidenceInput {
  title: string;
  url?: string | undefined;
  quote?: string | undefined;
  direction: "yes" | "no" | "neutral";
}

export function addEvidence(
  services: Services,
  actor: Actor,
  cruxId: number,
  input: EvidenceInput,
  now: number,
) {
  return commit(services, async (tx) => {
    const { debate } = await lockCrux(tx, cruxId);
    await ensureAllowed(tx, cruxId, { type: "add-evidence" }, actor, now);
    if (!input.url && !input.quote) throw badInput("url", "give a link (url) or a quote, or both");
    const [row] = await tx
      .insert(evidence)
      .values({
        cruxId,
        userId: actor.id,
        title: input.title,
        url: input.url ?? null,
        quote: input.quote ?? null,
        direction: input.direction,
      })
      .returning();
    return {
      value: {
        title: input.title,
        url: input.url,
        quote: input.quote,
        direction: input.direction,
        id: row!.id,
        handle: actor.handle,
        at: row!.createdAt.toISOString(),
      },
      events: [debateEvent(debate, "evidence.added", { cruxId, evidenceId: row!.id }, actor.id)],
    };
  });
}
