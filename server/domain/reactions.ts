/**
 * Reactions anchored to quoted text (docs/reactions.md): the kinds and their labels, what a valid
 * quote is, where a quote sits in a claim's body, how anchors follow an edit, and how reactions
 * are grouped per span for display. Pure: no I/O.
 */

export const REACTION_KINDS = [
  "crux",
  "bet",
  "agree",
  "disagree",
  "citation-needed",
  "unclear",
  "changed-my-mind",
] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];

/** What each kind says, in words (buttons, chips, accessible names). */
export const REACTION_LABELS: Record<ReactionKind, string> = {
  crux: "that's a crux",
  bet: "I'd bet on this",
  agree: "agree",
  disagree: "disagree",
  "citation-needed": "citation needed",
  unclear: "unclear",
  "changed-my-mind": "changed my mind",
};

/** A short mark for chips next to the highlighted text. */
export const REACTION_SYMBOLS: Record<ReactionKind, string> = {
  crux: "✱",
  bet: "$",
  agree: "✓",
  disagree: "✗",
  "citation-needed": "[?]",
  unclear: "?",
  "changed-my-mind": "↻",
};

export const MAX_REACTION_QUOTE_LENGTH = 1_000;
/** One person's reactions on one claim, all kinds and spans together: keeps payloads bounded. */
export const MAX_REACTIONS_PER_USER_PER_CLAIM = 40;

export const isReactionKind = (value: string): value is ReactionKind =>
  (REACTION_KINDS as readonly string[]).includes(value);

/** Where a quote sits in a body: [start, end) in UTF-16 code units, as String.slice counts. */
export interface Anchor {
  start: number;
  end: number;
}

/**
 * The anchor of a new reaction, or a message a person can act on. An empty quote is the whole
 * claim (anchor null). `start`, when given, picks one of several occurrences of the quote.
 */
export function anchorNewReaction(
  body: string,
  quote: string,
  start?: number | null,
): { anchor: Anchor | null } | { problem: string; field: "quote" | "start" } {
  const quoteProblem = (problem: string) => ({ problem, field: "quote" as const });
  const startProblem = (problem: string) => ({ problem, field: "start" as const });
  if (quote === "") {
    if (start != null) return startProblem("start only makes sense with a quote");
    return { anchor: null };
  }
  if (quote.trim() === "")
    return quoteProblem("quote must not be blank; leave it out to react to the whole claim");
  if (quote.length > MAX_REACTION_QUOTE_LENGTH)
    return quoteProblem(`quote must be at most ${MAX_REACTION_QUOTE_LENGTH} characters`);
  if (start != null) {
    if (body.startsWith(quote, start)) return { anchor: { start, end: start + quote.length } };
    return startProblem(`the claim's text does not have the quote at position ${start}`);
  }
  const at = body.indexOf(quote);
  if (at < 0)
    return quoteProblem(
      "quote must be an exact excerpt of the claim's current text (copy it from the claim)",
    );
  return { anchor: { start: at, end: at + quote.length } };
}

/** Every index where `needle` starts in `text` (overlapping occurrences included). */
function occurrences(text: string, needle: string): number[] {
  const found: number[] = [];
  if (needle === "") return found;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) found.push(i);
  return found;
}

/** The candidate nearest `near` (ties: the earlier one). */
function nearest<T extends Anchor>(candidates: readonly T[], near: number): T | null {
  let best: T | null = null;
  for (const c of candidates)
    if (best === null || Math.abs(c.start - near) < Math.abs(best.start - near)) best = c;
  return best;
}

/**
 * `text` with each run of whitespace as one space, and for every character of the result the
 * index of the character it came from.
 */
function collapseWhitespace(text: string): { text: string; from: number[] } {
  let out = "";
  const from: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i] as string)) {
      if (out.endsWith(" ")) continue;
      out += " ";
    } else out += text[i];
    from.push(i);
  }
  return { text: out, from };
}

/**
 * Finds `quote` in `body` again after an edit: the exact occurrence nearest the old position, or
 * failing that one that differs only in whitespace (re-wrapped lines, doubled spaces). Null when
 * the text is gone: the reaction is then on an earlier version.
 */
export function findAnchor(body: string, quote: string, near: number): Anchor | null {
  const exact = occurrences(body, quote).map((start) => ({ start, end: start + quote.length }));
  if (exact.length > 0) return nearest(exact, near);
  const wanted = collapseWhitespace(quote.trim()).text;
  if (wanted === "") return null;
  const flat = collapseWhitespace(body);
  const loose = occurrences(flat.text, wanted).map((i) => ({
    start: flat.from[i] as number,
    end: (flat.from[i + wanted.length - 1] as number) + 1,
  }));
  return nearest(loose, near);
}

/** What re-anchoring needs of a stored reaction. */
export interface AnchorState {
  quote: string;
  /** The last known position (kept when orphaned, so the quote can come back near it). */
  start: number | null;
  end: number | null;
  orphaned: boolean;
}

/**
 * Anchors after the body became `body`. Whole-claim reactions stay as they are; a quoted one
 * moves to where its text now is, or is orphaned (keeping its last position) when the text is
 * gone. An orphaned reaction whose text comes back is anchored again.
 */
export function reanchor(body: string, state: AnchorState): AnchorState {
  if (state.quote === "") return state;
  const found = findAnchor(body, state.quote, state.start ?? 0);
  if (!found) return { ...state, orphaned: true };
  return { quote: state.quote, start: found.start, end: found.end, orphaned: false };
}

/** One reaction as stored, with who gave it. */
export interface ReactionRecord extends AnchorState {
  kind: ReactionKind;
  handle: string;
}

export interface SpanKind {
  kind: ReactionKind;
  /** Who gave it, in the order they did. */
  handles: string[];
}

/** The reactions on one span of a claim (or the whole claim: quote ""). */
export interface ReactionSpan {
  quote: string;
  start: number | null;
  end: number | null;
  /** The quote is not in the current text: the reactions were made on an earlier version. */
  orphaned: boolean;
  kinds: SpanKind[];
}

const spanKey = (r: AnchorState) =>
  r.orphaned ? `orphan\u0000${r.quote}` : `${r.start ?? ""}:${r.end ?? ""}\u0000${r.quote}`;

/**
 * Groups a claim's reactions (in the order they were made) per span: the whole claim first, then
 * spans in text order, then orphaned ones; kinds in REACTION_KINDS order.
 */
export function groupReactions(records: readonly ReactionRecord[]): ReactionSpan[] {
  const spans = new Map<string, ReactionSpan>();
  for (const r of records) {
    const key = spanKey(r);
    let span = spans.get(key);
    if (!span) {
      span = {
        quote: r.quote,
        start: r.quote === "" ? null : r.start,
        end: r.quote === "" ? null : r.end,
        orphaned: r.orphaned,
        kinds: [],
      };
      spans.set(key, span);
    }
    let kind = span.kinds.find((k) => k.kind === r.kind);
    if (!kind) {
      kind = { kind: r.kind, handles: [] };
      span.kinds.push(kind);
    }
    if (!kind.handles.includes(r.handle)) kind.handles.push(r.handle);
  }
  const order = (s: ReactionSpan) => (s.quote === "" ? -1 : s.orphaned ? Infinity : (s.start ?? 0));
  return [...spans.values()]
    .map((s) => ({
      ...s,
      kinds: [...s.kinds].sort(
        (a, b) => REACTION_KINDS.indexOf(a.kind) - REACTION_KINDS.indexOf(b.kind),
      ),
    }))
    .sort((a, b) => order(a) - order(b) || (a.end ?? 0) - (b.end ?? 0));
}

/** How many people marked a claim (any span of it, or all of it) as a crux. */
export function cruxMarkers(spans: readonly ReactionSpan[]): number {
  const people = new Set<string>();
  for (const s of spans)
    for (const k of s.kinds) if (k.kind === "crux") for (const h of k.handles) people.add(h);
  return people.size;
}

/** How many reactions of `kind` a span has, and whether `handle` gave one. */
export function spanCount(span: ReactionSpan, kind: ReactionKind, handle?: string | null) {
  const k = span.kinds.find((x) => x.kind === kind);
  return { count: k?.handles.length ?? 0, mine: !!handle && !!k?.handles.includes(handle) };
}

/** A quoted span somewhere in a debate, ranked for the state-of-the-debate panel. */
export interface MarkedSpan {
  claimId: number;
  quote: string;
  crux: number;
  total: number;
}

/**
 * The spans people marked most: quoted, current spans only, ranked by "that's a crux" marks, then
 * all reactions, then claim order. Ties keep the text order within a claim.
 */
export function mostMarkedSpans(
  byClaim: Iterable<readonly [number, readonly ReactionSpan[]]>,
  limit: number,
): MarkedSpan[] {
  const all: MarkedSpan[] = [];
  for (const [claimId, spans] of byClaim)
    for (const s of spans) {
      if (s.quote === "" || s.orphaned) continue;
      const total = s.kinds.reduce((n, k) => n + k.handles.length, 0);
      if (total === 0) continue;
      all.push({ claimId, quote: s.quote, crux: spanCount(s, "crux").count, total });
    }
  return all
    .map((s, i) => ({ s, i }))
    .sort((a, b) => b.s.crux - a.s.crux || b.s.total - a.s.total || a.i - b.i)
    .slice(0, limit)
    .map(({ s }) => s);
}

/**
 * The most-marked list kept live: `initial` (what the server ranked over the whole debate) with
 * the claims whose reactions the page knows better (`known`) ranked afresh.
 */
export function mergeMarkedSpans(
  initial: readonly MarkedSpan[],
  known: ReadonlyMap<number, readonly ReactionSpan[]>,
  limit: number,
): MarkedSpan[] {
  const fresh = mostMarkedSpans(known, Number.MAX_SAFE_INTEGER);
  const kept = initial.filter((s) => !known.has(s.claimId));
  return [...kept, ...fresh]
    .map((s, i) => ({ s, i }))
    .sort(
      (a, b) =>
        b.s.crux - a.s.crux || b.s.total - a.s.total || a.s.claimId - b.s.claimId || a.i - b.i,
    )
    .slice(0, limit)
    .map(({ s }) => s);
}

/**
 * A selection made in the rendered claim, found in its Markdown source: the rendered text lacks
 * emphasis marks and may wrap differently, so between characters the source may have `*_~\``
 * and whitespace may differ. Returns the exact source excerpt (what the server checks), the
 * occurrence nearest `near` when there are several, or null when it cannot be found.
 */
export function sourceQuoteFor(
  body: string,
  selected: string,
  near = 0,
): { quote: string; start: number } | null {
  const text = selected.trim();
  if (text === "") return null;
  const exact = findAnchor(body, text, near);
  if (exact) return { quote: body.slice(exact.start, exact.end), start: exact.start };
  const pattern = [...text.replace(/\s+/g, " ")]
    .map((ch) => (ch === " " ? "\\s+" : ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("[*_~`]*");
  let best: { quote: string; start: number } | null = null;
  for (const m of body.matchAll(new RegExp(pattern, "g"))) {
    const candidate = { quote: m[0], start: m.index };
    if (!best || Math.abs(candidate.start - near) < Math.abs(best.start - near)) best = candidate;
  }
  return best;
}

/**
 * The text a quote shows as once rendered (Markdown emphasis, code marks and link targets gone,
 * whitespace collapsed): what the page looks for to highlight it.
 */
export function renderedText(quote: string): string {
  return quote
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`~]/g, "")
    .replace(/^\s{0,3}(?:>|#{1,6}|[-+]|\d+\.)\s+/gm, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Which occurrence of `quote` in `body` starts at `start` (0: the first), for highlighting. */
export function occurrenceIndex(body: string, quote: string, start: number | null): number {
  if (start === null || quote === "") return 0;
  const found = occurrences(body, quote);
  const i = found.indexOf(start);
  return i < 0 ? 0 : i;
}
