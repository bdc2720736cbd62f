/**
 * Process-wide singletons. The custom server and Next's separately bundled route handlers must
 * share one database and one socket.io server, so they live on globalThis under a Symbol.for key.
 */
import type { Server as IoServer } from "socket.io";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { seedIfEmpty } from "@/db/seed";
import type { DebateEvent } from "@/server/domain/events";
import { loadConfig, type AppConfig } from "./config";
import type { Services } from "./usecases/services";

interface Runtime {
  config?: AppConfig;
  database?: Promise<DatabaseHandle>;
  io?: IoServer;
  /** The webhook queue's worker, when the database is PostgreSQL (server/webhooks/worker.ts). */
  webhooks?: { kick(): void };
}

const KEY = Symbol.for("cruxible.runtime");
const holder = globalThis as typeof globalThis & { [KEY]?: Runtime };
const runtime = (): Runtime => (holder[KEY] ??= {});

/** The configuration, parsed once per process (main.ts sets it at start; tools load it lazily). */
export function getConfig(): AppConfig {
  return (runtime().config ??= loadConfig());
}

export function setConfig(config: AppConfig): void {
  runtime().config = config;
}

/** Opens (migrates, and seeds if empty) the database once per process. */
export function getDatabase(): Promise<DatabaseHandle> {
  const r = runtime();
  r.database ??= (async () => {
    const config = getConfig();
    const handle = await openDatabase({
      databaseUrl: config.databaseUrl,
      pgliteDir: config.pgliteDir,
    });
    await seedIfEmpty(handle);
    return handle;
  })();
  return r.database;
}

export function setDatabase(handle: DatabaseHandle): void {
  runtime().database = Promise.resolve(handle);
}

export function setIo(io: IoServer | undefined): void {
  runtime().io = io;
}

export function setWebhookWorker(worker: { kick(): void } | undefined): void {
  runtime().webhooks = worker;
}

export const debateRoom = (slug: string) => `debate:${slug}`;

/**
 * After commit: fan events out to the debate's room (across processes with the Redis adapter), and
 * ask the webhook queue to pass them on.
 */
export function publishEvents(events: readonly DebateEvent[]): void {
  if (events.length > 0) runtime().webhooks?.kick();
  const io = runtime().io;
  if (!io) return;
  for (const event of events) io.to(debateRoom(event.slug)).emit("debate:event", event);
}

export const userRoom = (userId: number) => `user:${userId}`;

/** After commit: tell each user's open pages that their notifications changed. */
export function publishNotifications(userIds: readonly number[]): void {
  const io = runtime().io;
  if (!io) return;
  for (const id of userIds) io.to(userRoom(id)).emit("notifications:changed", {});
}

/** Sockets of people who moderate something join this room (server/realtime/socket.ts). */
export const MODERATORS_ROOM = "moderators";

/**
 * After commit: tell moderators' open queue pages to read it again. No payload, so nothing of a
 * report reaches anyone; each page reads the queue through its own scope.
 */
export function publishModerationChanged(): void {
  runtime().io?.to(MODERATORS_ROOM).emit("moderation:changed", {});
}

export async function getServices(): Promise<Services> {
  const { db } = await getDatabase();
  return {
    db,
    config: getConfig(),
    publish: publishEvents,
    notifyUsers: publishNotifications,
    moderationChanged: publishModerationChanged,
  };
}
