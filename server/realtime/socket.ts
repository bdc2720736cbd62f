import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { Server as IoServer, type Socket } from "socket.io";
import { z } from "zod";
import { resolveCaller } from "@/server/auth";
import { debateRoom, MODERATORS_ROOM, userRoom } from "@/server/runtime";
import { isModerator } from "@/server/domain/moderation";
import { moderationScopeOf } from "@/server/usecases/moderation/roles";
import { eq } from "drizzle-orm";
import { debates } from "@/db/schema";
import { eventsAfter, type DebateRef } from "@/server/usecases/events";
import { LatestSeq } from "./latestSeq";
import { Presence } from "./presence";
import { requireDebate } from "@/server/usecases/debates";
import type { Services } from "@/server/usecases/services";
import { AppError, logServerError } from "@/server/errors";
import { clientAddress } from "@/server/http/guards";

export const REALTIME_PATH = "/realtime";
const MAX_REPLAY = 10_000;

const joinSchema = z.object({ slug: z.string().min(1).max(80), afterSeq: z.number().int().min(0) });
const leaveSchema = z.object({ slug: z.string().min(1).max(80) });

interface SocketData {
  /** Who is viewing: a handle, or the socket id for anonymous readers (for "N here now"). */
  viewer: string;
  handle: string | null;
  /** The client's address (connections are capped per address). */
  address: string;
  /** Replay and join work this socket did in the current minute (docs/security.md). */
  budget: { windowStart: number; events: number; joins: number };
}

/** Joins one socket may make a minute (each may replay events and broadcasts presence). */
const JOINS_PER_MINUTE = 60;

type Ack = (response: unknown) => void;

export interface Realtime {
  io: IoServer;
  close(): Promise<void>;
}

/**
 * socket.io on the real HTTP server at /realtime. With a Redis URL, rooms span processes through
 * the Redis adapter; replay always comes from the database, the socket is only the fast path.
 */
export async function createRealtime(
  httpServer: HttpServer,
  services: Services,
  options: { redisUrl?: string | undefined; redisPrefix?: string } = {},
): Promise<Realtime> {
  // destroyUpgrade: false leaves other upgrades (Next's dev hot reload) to their own listener.
  const io = new IoServer<
    Record<string, never>,
    Record<string, never>,
    Record<string, never>,
    SocketData
  >(httpServer, {
    path: REALTIME_PATH,
    serveClient: false,
    destroyUpgrade: false,
    // Our messages are small (join/leave); a larger one closes the connection.
    maxHttpBufferSize: 16 * 1024,
  });
  const redisClients: { quit(): Promise<unknown> }[] = [];
  if (options.redisUrl) {
    const pub = createClient({ url: options.redisUrl });
    const sub = pub.duplicate();
    pub.on("error", (err) => console.error("[realtime] redis error", err.message));
    sub.on("error", (err) => console.error("[realtime] redis error", err.message));
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createAdapter(pub, sub, { key: `${options.redisPrefix ?? "cruxible"}:socket.io` }));
    redisClients.push(pub, sub);
  }

  // Connections per client address, counted in this process.
  const perAddress = new Map<string, number>();
  const { socketsPerClient, roomsPerSocket, replayEventsPerMinute } = services.config.limits;
  io.use((socket, next) => {
    const address = clientAddress(
      socket.handshake.headers,
      socket.handshake.address,
      services.config.trustProxy,
    );
    const open = perAddress.get(address) ?? 0;
    if (socketsPerClient > 0 && open >= socketsPerClient)
      return next(
        new Error(
          `Too many live connections from your address (the most is ${socketsPerClient}); close some tabs and try again.`,
        ),
      );
    perAddress.set(address, open + 1);
    socket.data.address = address;
    socket.data.budget = { windowStart: Date.now(), events: 0, joins: 0 };
    socket.once("disconnect", () => {
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    });
    next();
  });

  /** How many events this socket may still replay now, or a reason it may not join at all. */
  const allowance = (socket: Socket): { events: number } | { refused: string } => {
    const budget = socket.data.budget as SocketData["budget"];
    const now = Date.now();
    if (now - budget.windowStart >= 60_000)
      Object.assign(budget, { windowStart: now, events: 0, joins: 0 });
    const wait = Math.ceil((budget.windowStart + 60_000 - now) / 1000);
    if (budget.joins >= JOINS_PER_MINUTE)
      return { refused: `Too many joins from this connection; try again in ${wait} s.` };
    const rooms = [...socket.rooms].filter((r) => r.startsWith("debate:")).length;
    if (roomsPerSocket > 0 && rooms >= roomsPerSocket)
      return {
        refused: `This connection follows ${rooms} debates, the most allowed; leave one first.`,
      };
    const events = Math.min(MAX_REPLAY, replayEventsPerMinute - budget.events);
    if (replayEventsPerMinute > 0 && events < 1)
      return { refused: `Too many events replayed on this connection; try again in ${wait} s.` };
    return { events: replayEventsPerMinute > 0 ? events : MAX_REPLAY };
  };

  io.use(async (socket, next) => {
    try {
      const apiKey =
        typeof socket.handshake.auth.apiKey === "string" ? socket.handshake.auth.apiKey : undefined;
      const caller = await resolveCaller(
        services.db,
        { cookie: socket.handshake.headers.cookie },
        apiKey,
      );
      if (caller === "invalid-api-key") return next(new Error("That API key is not valid."));
      socket.data.handle = caller?.handle ?? null;
      socket.data.viewer = caller?.handle ?? socket.id;
      // Signed-in sockets hear about their own notifications.
      if (caller) await socket.join(userRoom(caller.id));
      // Moderators' queues hear when it changes (a role granted later needs a new connection).
      if (caller && isModerator(await moderationScopeOf(services.db, caller)))
        await socket.join(MODERATORS_ROOM);
      next();
    } catch (err) {
      logServerError("socket handshake", err);
      next(new Error("Could not connect; please try again."));
    }
  });

  const presence = new Presence({
    broadcastLocal: (slug, count) =>
      io.local.to(debateRoom(slug)).emit("debate:presence", { slug, count }),
    // One process alone has nobody to tell (the in-memory adapter cannot send between servers).
    tellOthers: (slug, processId, count) => {
      if (options.redisUrl) io.serverSideEmit("presence:count", slug, processId, count);
    },
  });
  io.on("presence:count", (slug: string, processId: string, count: number) =>
    presence.heard(slug, processId, count),
  );
  const latest = new LatestSeq(async (debateId) => {
    const [row] = await services.db
      .select({ seq: debates.lastSeq })
      .from(debates)
      .where(eq(debates.id, debateId));
    return row?.seq ?? 0;
  });
  // Debates are never renamed or deleted: their ids can be remembered.
  const known = new Map<string, DebateRef>();
  const debateNamed = async (slug: string) => {
    let debate = known.get(slug);
    if (!debate) known.set(slug, (debate = await requireDebate(services.db, slug)));
    return debate;
  };

  io.on("connection", (socket: Socket) => {
    socket.on("debate:join", async (payload: unknown, ack?: Ack) => {
      const reply: Ack = typeof ack === "function" ? ack : () => undefined;
      const parsed = joinSchema.safeParse(payload);
      if (!parsed.success)
        return reply({
          ok: false,
          error: "debate:join needs { slug: string, afterSeq: integer >= 0 }",
        });
      const allowed = allowance(socket);
      if ("refused" in allowed) {
        socket.emit("debate:refused", { slug: parsed.data.slug, error: allowed.refused });
        return reply({ ok: false, error: allowed.refused });
      }
      try {
        const debate = await debateNamed(parsed.data.slug);
        // Join first, then read: an event committed in between arrives twice, never zero times.
        const room = debateRoom(debate.slug);
        if (!socket.rooms.has(room)) {
          await socket.join(room);
          presence.enter(debate.slug, socket.data.viewer as string);
        }
        const upTo = await latest.after(debate.id);
        const events =
          upTo > parsed.data.afterSeq
            ? await eventsAfter(services.db, debate, parsed.data.afterSeq, allowed.events)
            : [];
        const budget = socket.data.budget as SocketData["budget"];
        budget.joins += 1;
        budget.events += events.length;
        // An incomplete replay is finished over HTTP (GET /debates/{slug}/events) by the client.
        reply({ ok: true, slug: debate.slug, events, complete: events.length < allowed.events });
      } catch (err) {
        if (!(err instanceof AppError)) logServerError("socket debate:join", err);
        reply({
          ok: false,
          error: err instanceof AppError ? err.message : "Could not join the debate.",
        });
      }
    });

    socket.on("debate:leave", async (payload: unknown, ack?: Ack) => {
      const reply: Ack = typeof ack === "function" ? ack : () => undefined;
      const parsed = leaveSchema.safeParse(payload);
      if (!parsed.success) return reply({ ok: false, error: "debate:leave needs { slug }" });
      try {
        const room = debateRoom(parsed.data.slug);
        if (socket.rooms.has(room)) {
          await socket.leave(room);
          presence.leave(parsed.data.slug, socket.data.viewer as string);
        }
        reply({ ok: true });
      } catch (err) {
        logServerError("socket debate:leave", err);
        reply({ ok: false, error: "Could not leave the debate." });
      }
    });

    socket.on("disconnecting", () => {
      for (const room of socket.rooms)
        if (room.startsWith("debate:"))
          presence.leave(room.slice("debate:".length), socket.data.viewer as string);
    });
  });

  return {
    io: io as unknown as IoServer,
    async close() {
      presence.close();
      await io.close();
      await Promise.all(redisClients.map((c) => c.quit().catch(() => undefined)));
    },
  };
}
