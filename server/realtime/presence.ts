/**
 * "N here now", counted without asking every socket: each process counts the distinct viewers of
 * its own sockets per debate, tells the other processes its counts (socket.io's server-side emit,
 * carried by the Redis adapter), and sends each room at most one update a second, to its own
 * sockets only (docs/live-updates.md). A join storm of a thousand readers costs a handful of
 * messages, not a million.
 */
import crypto from "node:crypto";

/** What this needs of socket.io: a local broadcast to a room and messages between processes. */
export interface PresenceTransport {
  broadcastLocal(slug: string, count: number): void;
  tellOthers(slug: string, processId: string, count: number): void;
}

const STALE_MS = 45_000;
const REANNOUNCE_MS = 15_000;

export class Presence {
  readonly processId = crypto.randomBytes(6).toString("hex");
  /** slug -> viewer -> how many of this process's sockets that viewer has in the room */
  private readonly local = new Map<string, Map<string, number>>();
  /** slug -> other process -> its count, and when it said so */
  private readonly remote = new Map<string, Map<string, { count: number; at: number }>>();
  private readonly lastSent = new Map<string, number>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Rooms whose local count changed since we last told the other processes. */
  private readonly untold = new Set<string>();
  private readonly announcer: NodeJS.Timeout;

  constructor(
    private readonly transport: PresenceTransport,
    private readonly intervalMs = 1000,
    private readonly clock: () => number = Date.now,
  ) {
    // Counts from a process that died fade out; live ones are repeated now and then.
    this.announcer = setInterval(() => {
      for (const [slug, viewers] of this.local)
        this.transport.tellOthers(slug, this.processId, viewers.size);
    }, REANNOUNCE_MS);
    this.announcer.unref();
  }

  enter(slug: string, viewer: string): void {
    let viewers = this.local.get(slug);
    if (!viewers) this.local.set(slug, (viewers = new Map()));
    viewers.set(viewer, (viewers.get(viewer) ?? 0) + 1);
    this.changed(slug, true);
  }

  leave(slug: string, viewer: string): void {
    const viewers = this.local.get(slug);
    const n = viewers?.get(viewer);
    if (!viewers || n === undefined) return;
    if (n > 1) viewers.set(viewer, n - 1);
    else viewers.delete(viewer);
    if (viewers.size === 0) this.local.delete(slug);
    this.changed(slug, true);
  }

  /** Another process's count for a debate. */
  heard(slug: string, processId: string, count: number): void {
    if (processId === this.processId) return;
    let others = this.remote.get(slug);
    if (!others) this.remote.set(slug, (others = new Map()));
    others.set(processId, { count, at: this.clock() });
    this.changed(slug, false);
  }

  /** Distinct viewers here plus the counts the other processes reported lately. */
  count(slug: string): number {
    let total = this.local.get(slug)?.size ?? 0;
    const now = this.clock();
    for (const [id, c] of this.remote.get(slug) ?? [])
      if (now - c.at > STALE_MS) this.remote.get(slug)!.delete(id);
      else total += c.count;
    return total;
  }

  close(): void {
    clearInterval(this.announcer);
    for (const t of this.timers.values()) clearTimeout(t);
  }

  /** At most one update a second per room: at once after a quiet spell, else at the next second. */
  private changed(slug: string, ours: boolean): void {
    if (ours) this.untold.add(slug);
    if (this.timers.has(slug)) return;
    const wait = Math.max(
      0,
      (this.lastSent.get(slug) ?? -Infinity) + this.intervalMs - this.clock(),
    );
    const send = () => {
      this.timers.delete(slug);
      this.lastSent.set(slug, this.clock());
      if (this.untold.delete(slug))
        this.transport.tellOthers(slug, this.processId, this.local.get(slug)?.size ?? 0);
      this.transport.broadcastLocal(slug, this.count(slug));
    };
    this.timers.set(slug, setTimeout(send, wait));
  }
}
