/**
 * A process holding many socket.io clients, driven by the benchmark over IPC. Each client joins a
 * debate and records, for every benchmark claim that reaches it, the time since the claim was
 * posted (its body carries the send time) and since the event's own timestamp.
 */
import { io, type Socket } from "socket.io-client";

interface Connect {
  type: "connect";
  url: string;
  count: number;
  slug: string;
  /** Connections in flight at once (all at once when absent: a join storm). */
  inFlight?: number;
}
type Command = Connect | { type: "count" } | { type: "report" } | { type: "close" };

const sockets: Socket[] = [];
const sinceSend: number[] = [];
const sinceEvent: number[] = [];
let received = 0;

function onEvent(event: { type?: string; at?: string; data?: { claim?: { body?: string } } }) {
  const body = event.data?.claim?.body;
  if (event.type !== "claim.created" || !body?.startsWith("bench ")) return;
  const now = Date.now();
  const sentAt = Number(body.split(" ")[2]);
  received += 1;
  sinceSend.push(now - sentAt);
  if (event.at) sinceEvent.push(now - Date.parse(event.at));
}

function connectOne(url: string, slug: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      path: "/realtime",
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      timeout: 60_000,
    });
    socket.on("debate:event", onEvent);
    socket.once("connect_error", reject);
    socket.once("connect", () => {
      socket
        .timeout(60_000)
        .emit(
          "debate:join",
          { slug, afterSeq: 1_000_000_000 },
          (err: Error | null, ack: { ok?: boolean; error?: string }) => {
            if (err || !ack?.ok) reject(err ?? new Error(ack?.error ?? "join refused"));
            else resolve(socket);
          },
        );
    });
  });
}

async function connect(c: Connect) {
  const start = Date.now();
  let failed = 0;
  const reasons = new Map<string, number>();
  let next = 0;
  const lane = async () => {
    while (next < c.count) {
      next += 1;
      await connectOne(c.url, c.slug).then(
        (s) => sockets.push(s),
        (err: unknown) => {
          failed += 1;
          const reason = err instanceof Error ? err.message : String(err);
          reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        },
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(c.count, c.inFlight ?? c.count) }, lane));
  // Why connections failed, so a short count in the table can be explained.
  for (const [reason, n] of reasons) console.error(`[bench client] ${n} failed: ${reason}`);
  process.send?.({ type: "connected", ms: Date.now() - start, failed });
}

process.on("message", (msg: Command) => {
  if (msg.type === "connect") void connect(msg);
  // A tiny message while measuring: the big report would stall this process's event loop.
  else if (msg.type === "count") process.send?.({ type: "count", received });
  else if (msg.type === "report") {
    process.send?.({ type: "report", sinceSend, sinceEvent, received });
    sinceSend.length = 0;
    sinceEvent.length = 0;
    received = 0;
  } else if (msg.type === "close") {
    for (const s of sockets) s.disconnect();
    setTimeout(() => process.exit(0), 200);
  }
});
process.send?.({ type: "ready" });
