import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LatestSeq } from "@/server/realtime/latestSeq";
import { Presence } from "@/server/realtime/presence";

describe("Presence", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setup = () => {
    const sent: { slug: string; count: number }[] = [];
    const told: { slug: string; count: number }[] = [];
    const p = new Presence({
      broadcastLocal: (slug, count) => sent.push({ slug, count }),
      tellOthers: (slug, _id, count) => told.push({ slug, count }),
    });
    return { p, sent, told };
  };

  it("counts distinct viewers and sends a burst of changes as one update a second", async () => {
    const { p, sent, told } = setup();
    p.enter("d", "ann");
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([{ slug: "d", count: 1 }]);
    for (let i = 0; i < 1000; i++) p.enter("d", `reader-${i}`);
    p.enter("d", "ann"); // a second tab: still one viewer
    await vi.advanceTimersByTimeAsync(999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual([
      { slug: "d", count: 1 },
      { slug: "d", count: 1001 },
    ]);
    expect(told.at(-1)).toEqual({ slug: "d", count: 1001 });
    p.leave("d", "ann");
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent.at(-1)?.count).toBe(1001); // ann still has a tab open
    p.leave("d", "ann");
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent.at(-1)?.count).toBe(1000);
    p.close();
  });

  it("adds the counts other processes report, and forgets a process that went quiet", async () => {
    const { p, sent } = setup();
    p.enter("d", "ann");
    p.heard("d", "other-process", 5);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent.at(-1)).toEqual({ slug: "d", count: 6 });
    await vi.advanceTimersByTimeAsync(46_000);
    expect(p.count("d")).toBe(1);
    p.close();
  });
});

describe("LatestSeq", () => {
  it("shares one read among joins waiting at once, and never reuses a read that began earlier", async () => {
    let seq = 10;
    const reads: number[] = [];
    let release: () => void = () => undefined;
    const latest = new LatestSeq(async () => {
      reads.push(seq);
      await new Promise<void>((r) => (release = r));
      return seq;
    });
    const first = latest.after(1);
    await Promise.resolve();
    // An event commits while the first read runs; later joins must see it.
    seq = 11;
    const second = latest.after(1);
    const third = latest.after(1);
    release();
    expect(await first).toBe(11);
    await new Promise((r) => setTimeout(r, 0));
    release();
    expect(await second).toBe(11);
    expect(await third).toBe(11);
    expect(reads).toHaveLength(2);
  });
});
