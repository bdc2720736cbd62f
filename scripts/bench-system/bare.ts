/**
 * The baseline server: bare socket.io (optionally with the same Redis adapter), no app, no
 * database. `POST /emit {slug, body}` broadcasts a claim-like event to the room at once;
 * `debate:join {slug}` joins the room. Run as its own process: `node --import tsx bare.ts <port>`.
 */
import http from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { Server } from "socket.io";

const port = Number(process.argv[2]);
const redisUrl = process.argv[3];

async function main() {
  const server = http.createServer();
  const io = new Server(server, { path: "/realtime", serveClient: false });
  if (redisUrl) {
    const pub = createClient({ url: redisUrl });
    const sub = pub.duplicate();
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createAdapter(pub, sub, { key: `bench-bare-${process.ppid}` }));
  }
  let seq = 0;
  io.on("connection", (socket) => {
    socket.on("debate:join", async (payload: { slug?: string }, ack?: (r: unknown) => void) => {
      await socket.join(`debate:${payload?.slug ?? ""}`);
      if (typeof ack === "function") ack({ ok: true, events: [], complete: true });
    });
  });
  server.on("request", (req, res) => {
    if (req.method !== "POST" || req.url !== "/emit") {
      res.writeHead(404).end();
      return;
    }
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString()));
    req.on("end", () => {
      const { slug, body } = JSON.parse(raw) as { slug: string; body: string };
      seq += 1;
      io.to(`debate:${slug}`).emit("debate:event", {
        slug,
        seq,
        type: "claim.created",
        data: { claim: { body } },
        at: new Date().toISOString(),
      });
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  server.listen(port, () => process.send?.({ type: "ready" }));
}

void main();
