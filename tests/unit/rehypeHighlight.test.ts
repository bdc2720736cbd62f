import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "@/components/Markdown";
import { locate } from "@/components/debate/reactions/rehypeHighlight";

const html = (source: string, highlights: Parameters<typeof Markdown>[0]["highlights"]) =>
  renderToStaticMarkup(Markdown({ source, highlights }));

describe("highlighting quoted text in a rendered claim", () => {
  it("marks a quote inside a text node", () => {
    expect(
      html("Timelines moved by 1-4 weeks.", [{ key: "19-28", text: "1-4 weeks", occurrence: 0 }]),
    ).toBe(
      '<div class="markdown"><p>Timelines moved by <mark class="reaction-mark" data-span="19-28">1-4 weeks</mark>.</p></div>',
    );
  });

  it("marks each piece of a quote that crosses formatting, and the chosen occurrence", () => {
    const out = html("a b. It is **very** important. It is very clear.", [
      { key: "k", text: "is very important", occurrence: 0, className: "crux-mark" },
      { key: "j", text: "It is", occurrence: 1 },
    ]);
    expect(out).toContain(
      '<mark class="reaction-mark crux-mark" data-span="k">is </mark><strong><mark class="reaction-mark crux-mark" data-span="k">very</mark></strong><mark class="reaction-mark crux-mark" data-span="k"> important</mark>',
    );
    expect(out).toContain('. <mark class="reaction-mark" data-span="j">It is</mark> very clear.');
    // Overlapping spans share a mark naming both.
    expect(
      html("one two three", [
        { key: "a", text: "one two", occurrence: 0 },
        { key: "b", text: "two three", occurrence: 0 },
      ]),
    ).toContain('<mark class="reaction-mark" data-span="a b">two</mark>');
  });

  it("keeps sanitising: raw HTML and unsafe links stay out", () => {
    const out = html("<script>alert(1)</script>\n\nclick [me](javascript:alert(1)) me <b>me</b>", [
      { key: "k", text: "me", occurrence: 1 },
    ]);
    expect(out).not.toContain("<script");
    expect(out).not.toContain("javascript:");
    expect(out).not.toContain("<b>");
    expect(out).toContain('<mark class="reaction-mark" data-span="k">me</mark>');
  });

  it("finds text across whitespace differences and skips what is not there", () => {
    expect(locate("a  b\nc", [{ key: "x", text: "b c", occurrence: 0 }])).toMatchObject([
      { start: 3, end: 6 },
    ]);
    expect(locate("abc", [{ key: "x", text: "zz", occurrence: 0 }])).toEqual([]);
  });
});
