/**
 * The latest event seq of a debate, read for many joins at once: a join waits for the next read
 * that starts after it joined the room (so any event committed later reaches it through the room,
 * and any earlier one is counted in the read), and every join waiting meanwhile shares that one
 * read. A storm of a thousand joins costs a few tiny queries; a client already up to date gets no
 * replay query at all.
 */
export class LatestSeq {
  private readonly state = new Map<
    number,
    { running: Promise<unknown> | null; queued: Promise<number> | null }
  >();

  constructor(private readonly read: (debateId: number) => Promise<number>) {}

  /** The debate's latest seq, as of a read that started after this call. */
  after(debateId: number): Promise<number> {
    let s = this.state.get(debateId);
    if (!s) this.state.set(debateId, (s = { running: null, queued: null }));
    const state = s;
    state.queued ??= (async () => {
      await state.running?.catch(() => undefined);
      const mine = state.queued!;
      state.queued = null;
      state.running = mine;
      try {
        return await this.read(debateId);
      } finally {
        if (state.running === mine) state.running = null;
      }
    })();
    return state.queued;
  }
}
