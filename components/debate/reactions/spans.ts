/** How the page names, marks and reads reaction spans (the rules are server/domain/reactions.ts). */
import {
  occurrenceIndex,
  renderedText,
  type ReactionKind,
  type ReactionSpan,
} from "@/server/domain/reactions";
import { excerpt } from "@/server/domain/thread";
import type { Highlight } from "./rehypeHighlight";

/** A span's name on the page: its position, "whole", or its text when orphaned. */
export const spanKey = (span: ReactionSpan) =>
  span.quote === ""
    ? "whole"
    : span.orphaned
      ? `old-${encodeURIComponent(span.quote)}`
      : `${span.start}-${span.end}`;

/** The marks for a claim's current quoted spans (a crux mark stands out). */
export function highlightsFor(body: string, spans: readonly ReactionSpan[]): Highlight[] {
  return spans
    .filter((s) => s.quote !== "" && !s.orphaned && s.start !== null && s.end !== null)
    .map((s) => {
      const text = body.slice(s.start as number, s.end as number);
      return {
        key: spanKey(s),
        text: renderedText(text),
        occurrence: occurrenceIndex(body, text, s.start),
        className: s.kinds.some((k) => k.kind === "crux") ? "crux-mark" : undefined,
      };
    });
}

/** The kinds `viewer` gave on a span. */
export function mineOn(span: ReactionSpan | undefined, viewer: string | null): Set<ReactionKind> {
  const mine = new Set<ReactionKind>();
  if (!span || !viewer) return mine;
  for (const k of span.kinds) if (k.handles.includes(viewer)) mine.add(k.kind);
  return mine;
}

/** A span as words: “quote…” or "the whole claim". */
export const spanLabel = (span: Pick<ReactionSpan, "quote">, max = 60) =>
  span.quote === "" ? "the whole claim" : `“${excerpt(renderedText(span.quote), max)}”`;

export const reactionTotal = (span: ReactionSpan) =>
  span.kinds.reduce((n, k) => n + k.handles.length, 0);
