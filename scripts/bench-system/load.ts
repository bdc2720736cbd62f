/**
 * A process that sends HTTP requests as fast as `concurrency` loops allow, for a while, and reports
 * how many it completed, their latencies and their statuses. Driven by the benchmark over IPC.
 */
export interface RequestSpec {
  method: "GET" | "POST";
  path: string;
  key?: string;
  /** "probability" is replaced by a fresh random probability on every request. */
  body?: Record<string, unknown>;
}

interface Run {
  type: "run";
  url: string;
  specs: RequestSpec[];
  concurrency: number;
  durationMs: number;
}

async function send(url: string, spec: RequestSpec): Promise<number> {
  const body =
    spec.body && "probability" in spec.body
      ? { ...spec.body, probability: Math.round((0.05 + Math.random() * 0.9) * 1000) / 1000 }
      : spec.body;
  const res = await fetch(`${url}${spec.path}`, {
    method: spec.method,
    headers: {
      ...(spec.key ? { authorization: `Bearer ${spec.key}` } : {}),
      ...(body ? { "content-type": "application/json" } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  await res.arrayBuffer();
  return res.status;
}

async function run(r: Run) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const deadline = Date.now() + r.durationMs;
  const start = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: r.concurrency }, async () => {
      while (Date.now() < deadline) {
        const spec = r.specs[next++ % r.specs.length]!;
        const t0 = performance.now();
        const status = await send(r.url, spec).catch(() => 0);
        latencies.push(performance.now() - t0);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  process.send?.({ type: "done", seconds: (Date.now() - start) / 1000, latencies, statuses });
}

process.on("message", (msg: Run | { type: "exit" }) => {
  if (msg.type === "run") void run(msg);
  else process.exit(0);
});
process.send?.({ type: "ready" });
