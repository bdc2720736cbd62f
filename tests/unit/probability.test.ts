import { describe, expect, it } from "vitest";
import { formatProbability, parseProbability, ProbabilityError } from "@/server/domain/probability";

describe("parseProbability", () => {
  it.each([
    ["37%", 0.37],
    [" 37 % ", 0.37],
    ["0.37", 0.37],
    [".5", 0.5],
    ["1 in 20", 0.05],
    ["1 IN 4", 0.25],
    ["3:1", 0.75],
    ["1 : 3", 0.25],
    ["0.1%", 0.001],
    ["99.9%", 0.999],
    ["12.5%", 0.125],
  ])("reads %j as %d", (input, expected) => {
    expect(parseProbability(input)).toBe(expected);
  });

  it.each([
    "abc",
    "150%",
    "0",
    "1",
    "0%",
    "100%",
    "NaN",
    "1 in 0",
    "5 in 2",
    "0:0",
    "-5%",
    "",
    "1e-2",
  ])("rejects %j with a message listing the accepted forms", (input) => {
    expect(() => parseProbability(input)).toThrow(ProbabilityError);
    expect(() => parseProbability(input)).toThrow(/"37%".*"0\.37".*"1 in 20".*"3:1"/);
  });

  it("suggests a percentage when a number above 1 was meant as one", () => {
    expect(() => parseProbability("37")).toThrow(/write "37%"/);
  });
});

describe("formatProbability", () => {
  it.each([
    [0.37, "37%"],
    [0.01, "1%"],
    [0.99, "99%"],
    [0.005, "0.5%"],
    [0.001, "0.1%"],
    [0.995, "99.5%"],
    [0.999, "99.9%"],
    [0.374, "37%"],
  ])("formats %d as %s", (p, text) => {
    expect(formatProbability(p)).toBe(text);
  });
});
