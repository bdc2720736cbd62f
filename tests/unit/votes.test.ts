import { describe, expect, it } from "vitest";
import { tallyDelta } from "@/server/domain/votes";

describe("tallyDelta", () => {
  it("quality moves by the difference of the two votes", () => {
    expect(tallyDelta("quality", 0, 1)).toEqual({ quality: 1, agree: 0, disagree: 0 });
    expect(tallyDelta("quality", 1, -1)).toEqual({ quality: -2, agree: 0, disagree: 0 });
    expect(tallyDelta("quality", -1, 0)).toEqual({ quality: 1, agree: 0, disagree: 0 });
  });

  it("agreement counts agree and disagree apart and never touches quality", () => {
    expect(tallyDelta("agreement", 0, 1)).toEqual({ quality: 0, agree: 1, disagree: 0 });
    expect(tallyDelta("agreement", 1, -1)).toEqual({ quality: 0, agree: -1, disagree: 1 });
    expect(tallyDelta("agreement", -1, 0)).toEqual({ quality: 0, agree: 0, disagree: -1 });
  });

  it("a sequence of changes nets to the final vote", () => {
    const steps: [-1 | 0 | 1, -1 | 0 | 1][] = [
      [0, 1],
      [1, -1],
      [-1, 0],
      [0, -1],
    ];
    const total = steps.reduce(
      (acc, [from, to]) => {
        const d = tallyDelta("agreement", from, to);
        return { agree: acc.agree + d.agree, disagree: acc.disagree + d.disagree };
      },
      { agree: 0, disagree: 0 },
    );
    expect(total).toEqual({ agree: 0, disagree: 1 });
  });
});
