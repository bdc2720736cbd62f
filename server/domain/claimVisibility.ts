/**
 * Who sees a claim hidden by moderators (docs/moderation.md). The one rule: its author and the
 * moderators who may act on its debate read the body, marked hidden; everyone else reads
 * "hidden by moderators: <reason>" and nothing of the text (no body, quote, revisions or
 * reactions). A deleted claim shows nothing to anyone, hidden or not. Pure: no I/O.
 */
import type { DebateEvent } from "./events";
import type { ClaimView } from "./thread";

/** What a viewer of a hidden claim is told: the moderators' reason, and whether the body is theirs to read. */
export interface HiddenMark {
  reason: string;
  /** True for the author and the debate's moderators: `body` holds the text. */
  bodyShown: boolean;
}

/** The person reading (null id: signed out), and whether they moderate the claim's debate. */
export interface ClaimReader {
  userId: number | null;
  moderates: boolean;
}

/** Everyone: a signed-out reader, a live event, an export, a link preview. */
export const PUBLIC_READER: ClaimReader = { userId: null, moderates: false };

/** Whether a reader may read a hidden claim's text (server and browser share this rule). */
export function readsHiddenBody(who: { isAuthor: boolean; moderates: boolean }): boolean {
  return who.isAuthor || who.moderates;
}

/** What a hidden claim shows instead of its text. */
export const hiddenPlaceholder = (reason: string) => `hidden by moderators: ${reason}`;

/** A claim as stored, with what the rule needs. */
export interface StoredClaim {
  id: number;
  parentId: number | null;
  authorId: number;
  authorHandle: string;
  body: string;
  quote: string | null;
  stance: ClaimView["stance"];
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  quality: number;
  agree: number;
  disagree: number;
}

/** Whether the text of this claim (body, quote, earlier versions, reactions) reaches this reader. */
export function textVisible(
  claim: Pick<StoredClaim, "authorId" | "deletedAt" | "hiddenAt">,
  reader: ClaimReader,
): boolean {
  if (claim.deletedAt !== null) return false;
  if (claim.hiddenAt === null) return true;
  return readsHiddenBody({
    isAuthor: reader.userId !== null && reader.userId === claim.authorId,
    moderates: reader.moderates,
  });
}

/** The claim as this reader sees it. */
export function presentClaim(row: StoredClaim, reader: ClaimReader): ClaimView {
  const deleted = row.deletedAt !== null;
  const shown = textVisible(row, reader);
  const view: ClaimView = {
    id: row.id,
    parentId: row.parentId,
    authorHandle: row.authorHandle,
    body: shown ? row.body : "",
    quote: shown ? row.quote : null,
    stance: row.stance,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    deleted,
    quality: row.quality,
    agree: row.agree,
    disagree: row.disagree,
  };
  if (row.hiddenAt !== null && !deleted)
    view.hidden = { reason: row.hiddenReason ?? "", bodyShown: shown };
  return view;
}

/**
 * The text of a claim for places that show everyone the same excerpt (search hits, crux links,
 * a user's recent claims, the crux map, exports): "" when deleted, the placeholder when hidden.
 */
export function publicText(
  claim: Pick<StoredClaim, "body" | "deletedAt" | "hiddenAt" | "hiddenReason">,
): string {
  if (claim.deletedAt !== null) return "";
  if (claim.hiddenAt !== null) return hiddenPlaceholder(claim.hiddenReason ?? "");
  return claim.body;
}

/**
 * Whether a browser holding this (public) view of a claim should fetch its own: the event
 * stream carries what everyone may see, so the author and moderators refetch a hidden claim.
 */
export function needsOwnCopy(
  claim: Pick<ClaimView, "authorHandle" | "hidden">,
  viewer: { handle: string | null; moderates: boolean },
): boolean {
  if (!claim.hidden || claim.hidden.bodyShown) return false;
  return readsHiddenBody({
    isAuthor: viewer.handle !== null && viewer.handle === claim.authorHandle,
    moderates: viewer.moderates,
  });
}

/** What the event log's readers need to know of a claim now. */
export interface ClaimTextState {
  deleted: boolean;
  /** Set while moderators hide it. */
  hiddenReason: string | null;
}

/** The claim an event is about, when it is a claim event. */
export function claimIdOfEvent(event: DebateEvent): number | null {
  switch (event.type) {
    case "claim.created":
    case "claim.edited":
    case "claim.deleted":
    case "claim.hidden":
    case "claim.restored":
      return event.data.claim.id;
    case "claim.reactions":
    case "claim.voted":
      return event.data.claimId;
    default:
      return null;
  }
}

/**
 * An event from the log as everyone may read it now: the log keeps what was true when it was
 * written (a claim's text before it was hidden or deleted), and replays and webhook retries must
 * not hand that out later. Text goes, the rest of the event stays.
 */
export function redactEvent(
  event: DebateEvent,
  now: ReadonlyMap<number, ClaimTextState>,
): DebateEvent {
  const id = claimIdOfEvent(event);
  const state = id === null ? undefined : now.get(id);
  if (!state || (!state.deleted && state.hiddenReason === null)) return event;
  switch (event.type) {
    case "claim.created":
    case "claim.edited":
    case "claim.deleted":
    case "claim.hidden":
    case "claim.restored": {
      const claim: ClaimView = { ...event.data.claim, body: "", quote: null };
      delete claim.hidden;
      if (!state.deleted && !claim.deleted && state.hiddenReason !== null)
        claim.hidden = { reason: state.hiddenReason, bodyShown: false };
      return { ...event, data: { claim } };
    }
    case "claim.reactions":
      return { ...event, data: { claimId: event.data.claimId, spans: [] } };
    default:
      return event;
  }
}

/** The text a viewer's copy of a claim offers for excerpts: the placeholder when it is withheld. */
export function readableText(claim: Pick<ClaimView, "body" | "hidden">): string {
  return claim.hidden && !claim.hidden.bodyShown
    ? hiddenPlaceholder(claim.hidden.reason)
    : claim.body;
}
