import ReactMarkdown from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";

/**
 * Renders user markdown safely: raw HTML is not parsed (no rehype-raw), the output is sanitised,
 * and react-markdown drops javascript: and other unsafe URLs.
 */
export function Markdown({ source }: { source: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[rehypeSanitize]}
        components={{
          a: ({ node: _node, ...props }) => (
            <a {...props} rel="nofollow noopener noreferrer" target="_blank" />
          ),
        }}
      >
        {source}
      </ReactMarkdown>
    </div>
  );
}
