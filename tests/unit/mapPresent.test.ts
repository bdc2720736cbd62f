import { describe, expect, it } from "vitest";
import { crowdNumber, crowdText } from "@/components/map/present";
import type { MapNode } from "@/server/domain/cruxMap";

const crux = (extra: Partial<MapNode>): MapNode => ({
  id: "crux-1",
  kind: "crux",
  ref: 1,
  label: "A crux",
  ...extra,
});

describe("how a crux node states the crowd", () => {
  it("a yes/no crux gives its probability; a numeric one its median with the unit", () => {
    expect(crowdNumber(crux({ probability: 0.55 }))).toBe("55%");
    expect(crowdText(crux({ probability: 0.55 }))).toBe("55%");
    const numeric = crux({ probability: null, median: { value: 6, unit: "weeks" } });
    expect(crowdNumber(numeric)).toBe("6 weeks");
    expect(crowdText(numeric)).toBe("median 6 weeks");
  });

  it("says when it is hidden or has no forecasts", () => {
    expect(crowdNumber(crux({ crowdHidden: true, median: null }))).toBe("hidden");
    expect(crowdText(crux({ crowdHidden: true }))).toBe("hidden until you forecast");
    expect(crowdNumber(crux({ probability: null, median: null }))).toBe("–");
    expect(crowdText(crux({ probability: null, median: null }))).toBe("no forecasts yet");
  });
});
