/** Two-axis voting (LessWrong style): quality drives "top" sorting, agreement is shown apart. */

export const VOTE_AXES = ["quality", "agreement"] as const;
export type VoteAxis = (typeof VOTE_AXES)[number];
export type VoteValue = -1 | 0 | 1;

export type Tally = {
  quality: number;
  agree: number;
  disagree: number;
};

/** How a claim's cached tallies change when one user's vote on one axis goes from `previous` to `next`. */
export function tallyDelta(axis: VoteAxis, previous: VoteValue, next: VoteValue): Tally {
  if (axis === "quality") return { quality: next - previous, agree: 0, disagree: 0 };
  const isAgree = (v: VoteValue) => (v === 1 ? 1 : 0);
  const isDisagree = (v: VoteValue) => (v === -1 ? 1 : 0);
  return {
    quality: 0,
    agree: isAgree(next) - isAgree(previous),
    disagree: isDisagree(next) - isDisagree(previous),
  };
}
