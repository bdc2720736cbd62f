/**
 * Debates in and out of Cruxible (docs/export-import.md): the export's shape, its CSV files, and
 * the thread shapes an import accepts (our own export, or a forum's list of comments), reduced to
 * one ordered list of comments whose parents always come first.
 */
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { MAX_BODY_LENGTH, STANCES, type Stance } from "./thread";

export const ARCHIVE_FORMAT = "cruxible-debate";
export const ARCHIVE_VERSION = 1;

const when = z.string();
const whenOrNull = z.string().nullable();
const id = z.number().int();

/**
 * What an export holds: everything public about a debate, as the exporting viewer may see it (a
 * crux that hides its crowd from them leaves out everyone's forecasts but theirs). One schema for
 * the type, the API's OpenAPI document and the CSV columns.
 */
export const debateArchiveSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  exportedAt: when,
  debate: z.object({ slug: z.string(), title: z.string(), summary: z.string(), createdAt: when }),
  claims: z.array(
    z.object({
      id,
      parentId: id.nullable(),
      authorHandle: z.string(),
      authorName: z.string(),
      stance: z.string().nullable(),
      quote: z.string().nullable(),
      /** Empty for a deleted claim: it keeps its place in the tree, not its words. */
      body: z.string(),
      createdAt: when,
      editedAt: whenOrNull,
      deleted: z.boolean(),
      quality: z.number().int(),
      agree: z.number().int(),
      disagree: z.number().int(),
    }),
  ),
  /** Reactions to claims or quoted passages of them (docs/reactions.md); "" quotes the whole claim. */
  reactions: z.array(
    z.object({
      claimId: id,
      userHandle: z.string(),
      kind: z.string(),
      quote: z.string(),
      /** The passage is no longer in the claim (it was edited away). */
      orphaned: z.boolean(),
      createdAt: when,
    }),
  ),
  cruxes: z.array(
    z.object({
      id,
      claimId: id.nullable(),
      title: z.string(),
      resolutionCriteria: z.string(),
      finePrint: z.string(),
      createdBy: z.string(),
      arbiter: z.string().nullable(),
      conditionCruxId: id.nullable(),
      hideCrowdUntilForecast: z.boolean(),
      /** The crowd's forecasts are left out for the exporting viewer. */
      crowdHidden: z.boolean(),
      createdAt: when,
      closesAt: when,
      status: z.string(),
      outcome: z.string().nullable(),
      closedAt: whenOrNull,
      /** binary | numeric; a numeric crux's range and the number it resolved to. */
      kind: z.string(),
      unit: z.string().nullable(),
      rangeMin: z.number().nullable(),
      rangeMax: z.number().nullable(),
      openLower: z.boolean().nullable(),
      openUpper: z.boolean().nullable(),
      scale: z.string().nullable(),
      resolvedValue: z.number().nullable(),
      /** A threshold crux "more than x?" made from a numeric crux. */
      derivedFromCruxId: id.nullable(),
      threshold: z.number().nullable(),
    }),
  ),
  /**
   * Every forecast ever placed, oldest first: a probability on a yes/no crux, the distribution as
   * entered on a numeric one (`{ median, low, high }` or `{ components }`); a withdrawal has neither.
   */
  forecasts: z.array(
    z.object({
      cruxId: id,
      userHandle: z.string(),
      probability: z.number().nullable(),
      distribution: z.record(z.string(), z.unknown()).nullable(),
      createdAt: when,
      movedByClaimId: id.nullable(),
    }),
  ),
  offers: z.array(
    z.object({
      id,
      cruxId: id,
      makerHandle: z.string(),
      side: z.string(),
      price: z.number().int(),
      stake: z.number().int(),
      remaining: z.number().int(),
      status: z.string(),
      counterpartyHandle: z.string().nullable(),
      note: z.string(),
      createdAt: when,
    }),
  ),
  fills: z.array(
    z.object({
      id,
      offerId: id,
      cruxId: id,
      takerHandle: z.string(),
      takerStake: z.number().int(),
      makerStake: z.number().int(),
      createdAt: when,
    }),
  ),
  evidence: z.array(
    z.object({
      id,
      cruxId: id,
      userHandle: z.string(),
      title: z.string(),
      url: z.string().nullable(),
      quote: z.string().nullable(),
      direction: z.string(),
      createdAt: when,
    }),
  ),
  /** Every lifecycle step: proposals, disputes, decisions, undos. */
  resolutions: z.array(
    z.object({
      cruxId: id,
      from: z.string().nullable(),
      to: z.string(),
      action: z.string(),
      actorHandle: z.string().nullable(),
      note: z.string(),
      outcome: z.string().nullable(),
      /** With outcome "value": the number (numeric cruxes). */
      value: z.number().nullable(),
      at: when,
    }),
  ),
  scores: z.array(
    z.object({
      cruxId: id,
      userHandle: z.string(),
      /** Null on numeric cruxes (no probability, no Brier score). */
      finalProbability: z.number().nullable(),
      brier: z.number().nullable(),
      log: z.number(),
      baseline: z.number(),
      peer: z.number(),
      coverage: z.number(),
    }),
  ),
});
export type DebateArchive = z.infer<typeof debateArchiveSchema>;

export const ARCHIVE_TABLES = [
  "claims",
  "reactions",
  "cruxes",
  "forecasts",
  "offers",
  "fills",
  "evidence",
  "resolutions",
  "scores",
] as const;

/** One CSV file per kind, with a header row even when empty, for spreadsheets and notebooks. */
export function archiveToCsv(archive: DebateArchive): Record<string, string> {
  const files: Record<string, string> = {};
  for (const table of ARCHIVE_TABLES) {
    const columns = Object.keys(debateArchiveSchema.shape[table].element.shape);
    const rows = archive[table] as readonly Record<string, unknown>[];
    files[`${table}.csv`] = stringify(
      rows.map((r) => columns.map((c) => r[c] ?? "")),
      { header: true, columns, cast: { boolean: (b) => (b ? "true" : "false") } },
    );
  }
  return files;
}

// ---- Import ----

/** One comment of an imported thread, its parent (if any) earlier in the list. */
export interface ImportedComment {
  id: string;
  parentId: string | null;
  author: string;
  postedAt: string;
  body: string;
  /** Kept from a Cruxible export; null from a forum. */
  stance: Stance | null;
  quote: string | null;
}

export interface ImportedThread {
  title: string | null;
  summary: string | null;
  comments: ImportedComment[];
}

export const MAX_IMPORT_COMMENTS = 5000;
export const MAX_COMMENT_LENGTH = MAX_BODY_LENGTH;

const idText = z.union([z.string().min(1), z.number().int()]).transform(String);
const date = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const ms = typeof v === "number" ? v : Date.parse(v);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({
      code: "custom",
      message: "is not a date (use ISO 8601, e.g. 2023-01-25T15:00:00Z)",
    });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
});

/**
 * A comment as forum APIs return it. Fields (first present wins): id | _id; parentId |
 * parentCommentId; author | authorHandle | user.username | user.displayName; postedAt | createdAt;
 * body | contents.markdown | contents.html | htmlBody.
 */
const forumComment = z
  .object({
    id: idText.optional(),
    _id: idText.optional(),
    parentId: idText.nullish(),
    parentCommentId: idText.nullish(),
    author: z.string().optional(),
    authorHandle: z.string().optional(),
    authorName: z.string().optional(),
    user: z.object({ username: z.string().nullish(), displayName: z.string().nullish() }).nullish(),
    postedAt: date.optional(),
    createdAt: date.optional(),
    body: z.string().optional(),
    htmlBody: z.string().nullish(),
    contents: z.object({ markdown: z.string().nullish(), html: z.string().nullish() }).nullish(),
    deleted: z.boolean().optional(),
    stance: z.enum(STANCES).nullish(),
    quote: z.string().max(MAX_COMMENT_LENGTH).nullish(),
  })
  .transform((c, ctx) => {
    const id = c.id ?? c._id;
    const author =
      c.author ?? c.authorHandle ?? c.user?.username ?? c.user?.displayName ?? c.authorName;
    const postedAt = c.postedAt ?? c.createdAt;
    const body = c.body ?? c.contents?.markdown ?? c.contents?.html ?? c.htmlBody ?? undefined;
    const missing = [
      id === undefined && "an id (id or _id)",
      !author && "an author (author or user.username)",
      postedAt === undefined && "a date (postedAt or createdAt)",
      body === undefined && "a body (body or contents.markdown)",
    ].filter(Boolean);
    if (missing.length > 0) {
      ctx.addIssue({ code: "custom", message: `needs ${missing.join(", ")}` });
      return z.NEVER;
    }
    return {
      id: id!,
      parentId: c.parentId ?? c.parentCommentId ?? null,
      author: author!.trim(),
      postedAt: postedAt!,
      body: body!,
      deleted: c.deleted ?? false,
      stance: c.stance ?? null,
      quote: c.quote ?? null,
    };
  });

const commentList = z.array(forumComment).max(MAX_IMPORT_COMMENTS, {
  message: `holds more than ${MAX_IMPORT_COMMENTS} comments; split the thread`,
});

/** Our own export, a `{ comments }` object, a forum GraphQL answer, or a bare array of comments. */
const importFile = z.union([
  z.object({
    format: z.literal(ARCHIVE_FORMAT),
    debate: z.object({ title: z.string(), summary: z.string() }),
    claims: commentList,
  }),
  z.object({ title: z.string().optional(), comments: commentList }),
  z.object({ data: z.object({ comments: z.object({ results: commentList }) }) }),
  commentList,
]);

export type ImportResult = { ok: true; thread: ImportedThread } | { ok: false; problem: string };

/**
 * Reads an import file into a thread whose comments are in the file's order, parents first.
 * Deleted comments are dropped with their replies re-attached to the nearest kept ancestor.
 */
export function readImport(input: unknown): ImportResult {
  const parsed = importFile.safeParse(input);
  if (!parsed.success) return { ok: false, problem: describeProblem(parsed.error) };
  const file = parsed.data;
  const [title, summary, raw] = Array.isArray(file)
    ? [null, null, file]
    : "claims" in file
      ? [file.debate.title, file.debate.summary, file.claims]
      : "comments" in file
        ? [file.title ?? null, null, file.comments]
        : [null, null, file.data.comments.results];
  if (raw.length === 0) return { ok: false, problem: "The file holds no comments." };
  const byId = new Map<string, (typeof raw)[number]>();
  for (const c of raw) {
    if (byId.has(c.id)) return { ok: false, problem: `Two comments have the id "${c.id}".` };
    if (c.body.length > MAX_COMMENT_LENGTH)
      return {
        ok: false,
        problem: `Comment "${c.id}" is longer than ${MAX_COMMENT_LENGTH} characters.`,
      };
    byId.set(c.id, c);
  }
  for (const c of raw)
    if (c.parentId !== null && !byId.has(c.parentId))
      return {
        ok: false,
        problem: `Comment "${c.id}" replies to "${c.parentId}", which is not in the file.`,
      };

  // The nearest kept ancestor of each comment (deleted ones keep no place in the thread).
  const keptParent = (c: (typeof raw)[number]): string | null => {
    const seen = new Set<string>();
    let p = c.parentId;
    while (p !== null) {
      if (seen.has(p)) return p; // a cycle, reported below
      seen.add(p);
      const parent = byId.get(p)!;
      if (!parent.deleted) return p;
      p = parent.parentId;
    }
    return null;
  };
  const kept = raw
    .filter((c) => !c.deleted && c.body.trim() !== "")
    .map((c) => ({
      id: c.id,
      parentId: keptParent(c),
      author: c.author,
      postedAt: c.postedAt,
      body: c.body,
      // A reply whose parent was dropped keeps its stance only toward that same parent.
      stance: c.parentId !== null && keptParent(c) === c.parentId ? c.stance : null,
      quote: c.quote,
    }));
  const ordered = parentsFirst(kept);
  if (!ordered) return { ok: false, problem: "The comments' parents form a loop." };
  return { ok: true, thread: { title, summary, comments: ordered } };
}

/**
 * The file's order, except that a reply waits until its parent has come (forum answers are not
 * always parents first); null when the parents loop.
 */
function parentsFirst(comments: ImportedComment[]): ImportedComment[] | null {
  const out: ImportedComment[] = [];
  const placed = new Set<string>();
  const waiting = new Map<string, ImportedComment[]>();
  const place = (first: ImportedComment) => {
    const queue = [first];
    for (let c = queue.shift(); c; c = queue.shift()) {
      out.push(c);
      placed.add(c.id);
      queue.push(...(waiting.get(c.id) ?? []));
      waiting.delete(c.id);
    }
  };
  for (const c of comments) {
    if (c.parentId === null || placed.has(c.parentId)) place(c);
    else waiting.set(c.parentId, [...(waiting.get(c.parentId) ?? []), c]);
  }
  return out.length === comments.length ? out : null;
}

function describeProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "The file is not a thread Cruxible can import.";
  // A union's branches each fail; the branch that got furthest says the most.
  if (issue.code === "invalid_union") {
    const deepest = issue.errors.flat().sort((a, b) => b.path.length - a.path.length)[0];
    if (deepest && deepest.path.length > 0) return `${where(deepest.path)}: ${deepest.message}.`;
    return "The file is not a thread Cruxible can import: send a list of comments, `{ comments: [...] }`, a Cruxible export, or a forum's `{ data: { comments: { results: [...] } } }`.";
  }
  return `${where(issue.path)}: ${issue.message}.`;
}

const where = (path: readonly PropertyKey[]) => {
  const i = path.findIndex((p) => typeof p === "number");
  return i >= 0 ? `Comment ${Number(path[i]) + 1}` : `The file's ${path.map(String).join(".")}`;
};

/**
 * Placeholder handles for imported authors, in order of first appearance: `<prefix>-1`, ... The
 * prefix comes from the debate's slug, so two imports never share accounts.
 */
export function placeholderHandles(
  comments: readonly ImportedComment[],
  slug: string,
): Map<string, string> {
  const prefix = slug.slice(0, 24).replace(/-+$/, "");
  const map = new Map<string, string>();
  for (const c of comments) if (!map.has(c.author)) map.set(c.author, `${prefix}-${map.size + 1}`);
  return map;
}
