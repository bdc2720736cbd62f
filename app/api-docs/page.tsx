import { headers } from "next/headers";
import { openApiDocument } from "@/server/api/v1";

export const dynamic = "force-dynamic";
export const metadata = { title: "API reference" };

interface Operation {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: {
    content?: Record<
      string,
      { schema?: { properties?: Record<string, unknown>; required?: string[] } }
    >;
  };
}

export default async function ApiDocsPage() {
  const host = (await headers()).get("host") ?? "localhost:3000";
  const doc = openApiDocument(`http://${host}`);
  const paths = Object.entries(doc.paths ?? {}) as [string, Record<string, Operation>][];
  return (
    <div className="page narrow api-docs">
      <h1>API reference (v1)</h1>
      <p>
        JSON over HTTP at <code>/api/v1</code>, generated from the same procedures the app uses; the
        machine-readable description is at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
        Reading public debates needs no key. Writes need{" "}
        <code>Authorization: Bearer &lt;api key&gt;</code> (create one on your account page). Errors
        are JSON with a <code>code</code> and a <code>message</code>: 400 bad input (naming the
        field), 401, 403, 404, 409 for a state conflict.
      </p>
      <h2>Live updates</h2>
      <p>
        Connect a socket.io client at path <code>/realtime</code> (scripts pass{" "}
        <code>auth: {"{ apiKey }"}</code>). Emit <code>debate:join</code> with{" "}
        <code>{"{ slug, afterSeq }"}</code>: the acknowledgement replays every event after{" "}
        <code>afterSeq</code>; then events arrive as <code>debate:event</code>{" "}
        <code>{"{ slug, seq, type, data, at }"}</code>, seq counting up by one. On a gap, fetch{" "}
        <code>GET /api/v1/debates/{"{slug}"}/events?after=N</code>. <code>debate:leave</code>{" "}
        leaves.
      </p>
      <h2>Endpoints</h2>
      {paths.map(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => {
          const body = op.requestBody?.content?.["application/json"]?.schema;
          return (
            <section key={`${method} ${path}`} className="endpoint">
              <h3>
                <span className={`method method-${method}`}>{method.toUpperCase()}</span>{" "}
                <code>/api/v1{path}</code>
              </h3>
              {op.summary && <p>{op.summary}</p>}
              <p className="muted small">
                {op.security?.length ? "Needs an API key." : "No key needed."}
              </p>
              {op.parameters && op.parameters.length > 0 && (
                <p className="small">
                  Parameters:{" "}
                  {op.parameters
                    .map((p) => `${p.name} (${p.in}${p.required ? ", required" : ""})`)
                    .join(", ")}
                </p>
              )}
              {body?.properties && (
                <p className="small">
                  JSON body:{" "}
                  {Object.keys(body.properties)
                    .map((k) => (body.required?.includes(k) ? k : `${k}?`))
                    .join(", ")}
                </p>
              )}
            </section>
          );
        }),
      )}
    </div>
  );
}
