import { describe, expect, it } from "vitest";
import { reactionKindEnum } from "@/db/schema";
import {
  anchorNewReaction,
  cruxMarkers,
  findAnchor,
  groupReactions,
  MAX_REACTION_QUOTE_LENGTH,
  mergeMarkedSpans,
  mostMarkedSpans,
  occurrenceIndex,
  REACTION_KINDS,
  REACTION_LABELS,
  reanchor,
  renderedText,
  sourceQuoteFor,
  type ReactionRecord,
} from "@/server/domain/reactions";

const body = "ChatGPT shortened timelines by 1-4 weeks. Investment is $200B-$500B.";

describe("reaction kinds", () => {
  it("match the database enum and each has a label", () => {
    expect(reactionKindEnum.enumValues).toEqual([...REACTION_KINDS]);
    for (const k of REACTION_KINDS) expect(REACTION_LABELS[k]).toBeTruthy();
    expect(REACTION_LABELS.crux).toBe("that's a crux");
  });
});

describe("anchorNewReaction", () => {
  it("anchors the whole claim on an empty quote", () => {
    expect(anchorNewReaction(body, "")).toEqual({ anchor: null });
  });
  it("anchors a quote at its first occurrence, or at the given start", () => {
    expect(anchorNewReaction(body, "1-4 weeks")).toEqual({ anchor: { start: 31, end: 40 } });
    const twice = "the cat and the dog";
    expect(anchorNewReaction(twice, "the", 12)).toEqual({ anchor: { start: 12, end: 15 } });
  });
  it("refuses quotes that are not in the text, blank, too long or at a wrong start", () => {
    expect(anchorNewReaction(body, "8-16 weeks")).toEqual({
      problem: expect.stringContaining("exact excerpt"),
      field: "quote",
    });
    expect(anchorNewReaction(body, "   ")).toEqual({
      problem: expect.stringContaining("blank"),
      field: "quote",
    });
    const long = "x".repeat(MAX_REACTION_QUOTE_LENGTH + 1);
    expect(anchorNewReaction(long, long)).toEqual({
      problem: expect.stringContaining("at most"),
      field: "quote",
    });
    expect(anchorNewReaction(body, "weeks", 3)).toEqual({
      problem: expect.stringContaining("position 3"),
      field: "start",
    });
    expect(anchorNewReaction(body, "", 3)).toEqual({
      problem: "start only makes sense with a quote",
      field: "start",
    });
  });
});

describe("re-anchoring after an edit", () => {
  const at = (text: string, quote: string) => {
    const start = text.indexOf(quote);
    return { quote, start, end: start + quote.length, orphaned: false };
  };

  it("follows a quote that moved", () => {
    const before = at(body, "1-4 weeks");
    const edited = `Some context first. ${body}`;
    expect(reanchor(edited, before)).toEqual({ ...before, start: 51, end: 60 });
  });

  it("picks the occurrence nearest the old position when the quote is duplicated", () => {
    const text = "odds are low. Later: odds are low.";
    const second = { quote: "odds are low", start: 21, end: 33, orphaned: false };
    const edited = "Intro. odds are low. Later: odds are low.";
    expect(reanchor(edited, second)).toMatchObject({ start: 28, end: 40, orphaned: false });
    const first = { ...second, start: 0, end: 12 };
    expect(reanchor(edited, first)).toMatchObject({ start: 7 });
    expect(text.slice(21, 33)).toBe("odds are low");
  });

  it("finds a quote re-wrapped with different whitespace", () => {
    const before = at("the  big\nquestion is open", "big\nquestion");
    expect(findAnchor("the big question is open", "big\nquestion", 5)).toEqual({
      start: 4,
      end: 16,
    });
    expect(reanchor("the big   question is open", before)).toMatchObject({
      start: 4,
      end: 18,
      orphaned: false,
    });
  });

  it("orphans a removed quote, keeps its last position, and re-attaches when it comes back", () => {
    const before = at(body, "1-4 weeks");
    const gone = reanchor("ChatGPT changed nothing.", before);
    expect(gone).toEqual({ ...before, orphaned: true });
    expect(reanchor(body, gone)).toEqual(before);
  });

  it("leaves whole-claim reactions alone", () => {
    const whole = { quote: "", start: null, end: null, orphaned: false };
    expect(reanchor("anything", whole)).toBe(whole);
  });
});

describe("grouping", () => {
  const r = (
    handle: string,
    kind: ReactionRecord["kind"],
    quote = "",
    start: number | null = null,
    orphaned = false,
  ): ReactionRecord => ({
    handle,
    kind,
    quote,
    start: quote ? start : null,
    end: quote && start !== null ? start + quote.length : null,
    orphaned,
  });

  it("groups per span: whole claim first, spans in text order, orphaned last", () => {
    const spans = groupReactions([
      r("bo", "agree", "Investment", 42),
      r("al", "crux", "1-4 weeks", 31),
      r("bo", "crux", "1-4 weeks", 31),
      r("al", "agree", "1-4 weeks", 31),
      r("cy", "unclear", "old words", 3, true),
      r("cy", "disagree"),
    ]);
    expect(spans.map((s) => s.quote)).toEqual(["", "1-4 weeks", "Investment", "old words"]);
    expect(spans[1]!.kinds).toEqual([
      { kind: "crux", handles: ["al", "bo"] },
      { kind: "agree", handles: ["al"] },
    ]);
    expect(spans[3]!.orphaned).toBe(true);
    expect(cruxMarkers(spans)).toBe(2);
  });

  it("ranks the most-marked spans by crux marks, then reactions; whole claims and orphans left out", () => {
    const a = groupReactions([
      r("al", "agree", "x", 0),
      r("bo", "agree", "x", 0),
      r("cy", "agree", "x", 0),
      r("al", "crux"),
    ]);
    const b = groupReactions([r("al", "crux", "y", 0), r("bo", "unclear", "z", 2, true)]);
    expect(mostMarkedSpans([[1, a] as const, [2, b] as const], 5)).toEqual([
      { claimId: 2, quote: "y", crux: 1, total: 1 },
      { claimId: 1, quote: "x", crux: 0, total: 3 },
    ]);
    const merged = mergeMarkedSpans(
      [{ claimId: 2, quote: "y", crux: 1, total: 1 }],
      new Map([[2, []]]),
      5,
    );
    expect(merged).toEqual([]);
  });
});

describe("selections and highlights", () => {
  const md = "It is **very** important\nthat we _act_ now. It is very clear.";
  it("finds a rendered selection in the Markdown source", () => {
    expect(sourceQuoteFor(md, "very important that")).toEqual({
      quote: "very** important\nthat",
      start: 8,
    });
    expect(sourceQuoteFor(md, "we act now")).toEqual({ quote: "we _act_ now", start: 30 });
    expect(sourceQuoteFor(md, "It is very", 40)).toEqual({ quote: "It is very", start: 44 });
    expect(sourceQuoteFor(md, "not there")).toBeNull();
  });
  it("says how a quote reads once rendered, and which occurrence it is", () => {
    expect(renderedText("we _act_ [now](http://x.org)\n **today**")).toBe("we act now today");
    expect(occurrenceIndex(md, "It is", 44)).toBe(1);
    expect(occurrenceIndex(md, "It is", null)).toBe(0);
  });
});
