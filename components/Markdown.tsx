import type { ReactElement } from "react";
import { LRUCache } from "lru-cache";
import ReactMarkdown, { type Options } from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";

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
export function Markdown({ source }: { source: string }) {
  let tree = parsed.get(source);
  if (!tree) {
    // The synchronous react-markdown component uses no hooks: calling it is rendering it.
    tree = ReactMarkdown({ ...options, children: source });
    parsed.set(source, tree);
  }
  return <div className="markdown">{tree}</div>;
}
