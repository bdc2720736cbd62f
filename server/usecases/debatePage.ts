/**
 * What the debate page (and a claim's permalink) renders for one viewer: the thread cut to a
 * window (docs/benchmarks.md, P3), the crux panel, and where live events resume.
 */
import type { DbExecutor } from "@/db/client";
import { getDebateState } from "./cruxMap";
import { scopeOfUser } from "./claimReaders";
import { mayLock, mayModerate, NO_SCOPE } from "@/server/domain/moderation";
import { getDebateThread, requireDebate, windowOf } from "./debates";
import { debateLocks } from "./moderation/locks";
import { notFound } from "@/server/errors";
import { newSinceLastVisit } from "@/server/domain/threadNav";
import { mostMarkedSpans } from "@/server/domain/reactions";

/** How many claims the summary panel links to (they come with the window, in place). */
const PANEL_CLAIMS = 4;
/** How many most-marked spans the panel lists. */
const PANEL_SPANS = 5;

export async function loadDebatePage(
  db: DbExecutor,
  slug: string,
  viewer: { id: number; handle: string } | null,
  now: number,
  {
    focusId = null,
    from = 0,
    lastVisit,
  }: {
    focusId?: number | null;
    from?: number;
    /** A signed-in reader's previous visit (recordDebateVisit); undefined: kept by the browser. */
    lastVisit?: string | null;
  } = {},
) {
  // The thread first: live events resume from its seq, so nothing read later can be missed.
  const thread = await getDebateThread(db, slug, viewer?.id ?? null);
  const focus = focusId === null ? null : thread.claims.find((c) => c.id === focusId);
  if (focus === undefined) throw notFound(`No claim ${focusId} in this debate.`);
  const cruxState = await getDebateState(db, slug, viewer?.handle ?? null, now);
  const debateId = (await requireDebate(db, slug)).id;
  // Moderators get the moderation controls (hide, lock), and fetch hidden claims' text live.
  const scope = (await scopeOfUser(db, viewer?.id ?? null)) ?? NO_SCOPE;
  // Read after the thread: lock events past its seq are replayed, and applying one is idempotent.
  const locks = await debateLocks(db, debateId);
  const pinned = cruxState.moved.slice(0, PANEL_CLAIMS).map((m) => m.claimId);
  if (focus) pinned.push(focus.id);
  return {
    debateId,
    slug: thread.slug,
    title: thread.title,
    summary: thread.summary,
    lastSeq: thread.lastSeq,
    moderates: mayModerate(scope, debateId),
    /** Whether to show this viewer the lock controls (docs/moderation.md). */
    canLock: mayLock(scope, debateId),
    focus,
    claimCount: thread.claims.filter((c) => !c.deleted).length,
    window: windowOf(thread, { sort: "oldest", skip: from, pinned, expand: focus?.id ?? null }),
    cruxState,
    /** The debate's lock and its locked threads (docs/moderation.md), live after that. */
    locks,
    /** The spans people marked most (docs/reactions.md), over the whole debate. */
    markedSpans: mostMarkedSpans(
      thread.reactions.map((r) => [r.claimId, r.spans] as const),
      PANEL_SPANS,
    ),
    /** What is new since the reader's last visit, loaded or not (null: the browser works it out). */
    newSince:
      lastVisit === undefined
        ? null
        : {
            since: lastVisit,
            ids: newSinceLastVisit(thread.claims, lastVisit, viewer?.handle ?? null),
          },
    /** When the page was read: an anonymous reader's next "last visit". */
    renderedAt: new Date(now).toISOString(),
  };
}
