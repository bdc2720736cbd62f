import type { ReactElement } from "react";
import { LRUCache } from "lru-cache";
import ReactMarkdown, { type Options } from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import { rehypeHighlight, type Highlight } from "@/components/debate/reactions/rehypeHighlight";

const options: Omit<Options, "children"> = {
  remarkPlugins: [remarkGfm],
  rehypePlugins: [rehypeSanitize],
  components: {
    a: ({ node: _node, ...props }) => (
      <a {...props} rel="nofollow noopener noreferrer" target="_blank" />
    ),
  },
};

/**
 * Parsed claims by source text. Parsing is most of the cost of rendering a thread
 * (docs/benchmarks.md, P3), and the same claims are rendered on every page view; React elements
 * are immutable, so a tree is safe to reuse.
 */
const parsed = new LRUCache<string, ReactElement>({ max: 2_000 });

/**
 * Renders user markdown safely: raw HTML is not parsed (no rehype-raw), the output is sanitised,
 * and react-markdown drops javascript: and other unsafe URLs.
 */
export function Markdown({
  source,
  highlights = NO_HIGHLIGHTS,
}: {
  source: string;
  /** Quoted text to mark (reactions, docs/reactions.md); marked after sanitising. */
  highlights?: readonly Highlight[];
}) {
  const key = highlights.length === 0 ? source : `${source}\u0000${JSON.stringify(highlights)}`;
  let tree = parsed.get(key);
  if (!tree) {
    // The synchronous react-markdown component uses no hooks: calling it is rendering it.
    tree =
      highlights.length === 0
        ? ReactMarkdown({ ...options, children: source })
        : ReactMarkdown({
            ...options,
            rehypePlugins: [rehypeSanitize, [rehypeHighlight, highlights]],
            children: source,
          });
    parsed.set(key, tree);
  }
  return <div className="markdown">{tree}</div>;
}

const NO_HIGHLIGHTS: readonly Highlight[] = [];
