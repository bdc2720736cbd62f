import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import {
  archiveToCsv,
  placeholderHandles,
  readImport,
  type DebateArchive,
  type ImportedComment,
} from "@/server/domain/debateArchive";

const c = (id: string, parentId: string | null, extra: object = {}) => ({
  id,
  parentId,
  author: `author of ${id}`,
  postedAt: "2023-01-25T15:00:00Z",
  body: `body ${id}`,
  ...extra,
});

const ids = (input: unknown) => {
  const r = readImport(input);
  if (!r.ok) throw new Error(r.problem);
  return r.thread.comments.map((x) => `${x.id}<${x.parentId ?? "-"}`);
};

describe("readImport", () => {
  it("keeps the file's order but puts each reply after its parent", () => {
    expect(ids([c("b", "a"), c("a", null), c("c", null), c("d", "b")])).toEqual([
      "a<-",
      "b<a",
      "c<-",
      "d<b",
    ]);
  });

  it("accepts { comments }, a forum GraphQL answer and a bare list, with their field names", () => {
    const forum = {
      _id: "x1",
      parentCommentId: null,
      user: { username: "paul" },
      postedAt: "2023-01-25T15:00:00Z",
      contents: { markdown: "md" },
    };
    for (const file of [
      [forum],
      { comments: [forum] },
      { data: { comments: { results: [forum] } } },
    ]) {
      const r = readImport(file);
      expect(r).toEqual({
        ok: true,
        thread: {
          title: null,
          summary: null,
          comments: [
            {
              id: "x1",
              parentId: null,
              author: "paul",
              postedAt: "2023-01-25T15:00:00.000Z",
              body: "md",
              stance: null,
              quote: null,
            },
          ],
        },
      });
    }
  });

  it("drops deleted and empty comments, re-attaching their replies to the nearest kept ancestor", () => {
    expect(
      ids([c("a", null), c("b", "a", { deleted: true }), c("c", "b"), c("d", "c", { body: " " })]),
    ).toEqual(["a<-", "c<a"]);
  });

  it("keeps a Cruxible export's stance only under the same parent", () => {
    const r = readImport([
      c("a", null),
      c("b", "a", { deleted: true, stance: "supports" }),
      c("c", "b", { stance: "opposes" }),
      c("d", "a", { stance: "clarifies" }),
    ]);
    expect(r.ok && r.thread.comments.map((x) => x.stance)).toEqual([null, null, "clarifies"]);
  });

  it("names what is wrong", () => {
    const problem = (input: unknown) => {
      const r = readImport(input);
      return r.ok ? "ok" : r.problem;
    };
    expect(problem([])).toBe("The file holds no comments.");
    expect(problem([c("a", "a")])).toBe("The comments' parents form a loop.");
    expect(problem([c("a", "b"), c("b", "a")])).toBe("The comments' parents form a loop.");
    expect(problem([c("a", null), c("b", "zz")])).toMatch(/"b" replies to "zz"/);
    expect(problem([c("a", null), c("a", null)])).toMatch(/Two comments have the id "a"/);
    expect(problem([c("a", null, { postedAt: "yesterday" })])).toMatch(/^Comment 1: is not a date/);
    expect(problem([c("a", null, { body: "x".repeat(20_001) })])).toMatch(/longer than 20000/);
    expect(problem("hello")).toMatch(/not a thread Cruxible can import/);
  });
});

describe("placeholderHandles", () => {
  it("numbers authors by first appearance under the debate's slug", () => {
    const comments = ["Ann", "Bo", "Ann", "Cy"].map((author, i): ImportedComment => ({
      ...c(String(i), null),
      author,
      stance: null,
      quote: null,
    }));
    expect([...placeholderHandles(comments, "my-debate")]).toEqual([
      ["Ann", "my-debate-1"],
      ["Bo", "my-debate-2"],
      ["Cy", "my-debate-3"],
    ]);
    const long = placeholderHandles(comments, "a-very-long-slug-that-goes-on-and-on");
    for (const h of long.values()) expect(h).toMatch(/^[a-z0-9][a-z0-9-]{2,31}$/);
  });
});

describe("archiveToCsv", () => {
  it("writes one file per kind; quotes commas, quotes and newlines; headers even when empty", () => {
    const archive = {
      claims: [
        {
          id: 1,
          parentId: null,
          authorHandle: "a",
          authorName: "A",
          stance: null,
          quote: null,
          body: 'He said "no",\nthen left',
          createdAt: "2023-01-01T00:00:00.000Z",
          editedAt: null,
          deleted: false,
          quality: 2,
          agree: 1,
          disagree: 0,
        },
      ],
      reactions: [],
      cruxes: [],
      forecasts: [],
      offers: [],
      fills: [],
      evidence: [],
      resolutions: [],
      scores: [],
    } as unknown as DebateArchive;
    const files = archiveToCsv(archive);
    expect(Object.keys(files)).toHaveLength(9);
    const rows = parse(files["claims.csv"]!, { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([
      expect.objectContaining({ body: 'He said "no",\nthen left', parentId: "", deleted: "false" }),
    ]);
    expect(files["fills.csv"]).toBe(
      "id,offerId,cruxId,takerHandle,takerStake,makerStake,createdAt\n",
    );
  });
});
