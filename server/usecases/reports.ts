/**
 * Reports to the moderators and the moderation queue (docs/moderation.md). Rules (reasons,
 * grouping, ordering, scope) live in server/domain/reports.ts; who may act in
 * server/domain/moderation.ts.
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbExecutor } from "@/db/client";
import { claims, cruxes, debates, evidence, reports, users } from "@/db/schema";
import {
  groupReports,
  orderQueue,
  queueFilter,
  reportProblem,
  type QueueOrder,
  type ReportGroup,
  type ReportReason,
  type ReportTarget,
} from "@/server/domain/reports";
import { excerpt } from "@/server/domain/thread";
import { publicText } from "@/server/domain/claimVisibility";
import { badInput, conflict, notFound } from "@/server/errors";
import { recordModeration } from "./moderation/audit";
import { requireAnyModeration, requireModerator } from "./moderation/roles";
import { commitForModerators, type Actor, type Services } from "./services";

export interface ReportInput {
  kind: ReportTarget;
  /** The claim, crux or evidence id (kind "user": leave out and give `handle`). */
  id?: number | undefined;
  handle?: string | undefined;
  reason: ReportReason;
  details?: string | undefined;
}

/** The item a report is about: its id and debate (null for a user). */
async function reportedItem(
  db: DbExecutor,
  input: Pick<ReportInput, "kind" | "id" | "handle">,
): Promise<{ id: number; debateId: number | null }> {
  if (input.kind === "user") {
    if (!input.handle) throw badInput("handle", "name the user to report");
    const [user] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.handle, input.handle.toLowerCase()));
    if (!user) throw notFound(`No user with handle "${input.handle}".`);
    return { id: user.id, debateId: null };
  }
  const id = input.id;
  if (id === undefined) throw badInput("id", `give the id of the ${input.kind} to report`);
  const [row] =
    input.kind === "claim"
      ? await db
          .select({ id: claims.id, debateId: claims.debateId })
          .from(claims)
          .where(eq(claims.id, id))
      : input.kind === "crux"
        ? await db
            .select({ id: cruxes.id, debateId: cruxes.debateId })
            .from(cruxes)
            .where(eq(cruxes.id, id))
        : await db
            .select({ id: evidence.id, debateId: cruxes.debateId })
            .from(evidence)
            .innerJoin(cruxes, eq(cruxes.id, evidence.cruxId))
            .where(eq(evidence.id, id));
  if (!row) throw notFound(`No ${input.kind} with id ${id}.`);
  return row;
}

export interface ReportReceipt {
  id: number;
  status: "open";
  /** True when the reporter's earlier, closed report was reopened. */
  reopened: boolean;
}

/**
 * Reports an item. One report per person per item: while theirs is open a second one is a 409;
 * once moderators closed it, reporting again reopens it with the new reason.
 */
export function createReport(
  services: Services,
  actor: Actor,
  input: ReportInput,
): Promise<ReportReceipt> {
  const details = input.details?.trim() ?? "";
  const problem = reportProblem(input.reason, details);
  if (problem) throw badInput("details", problem.replace(/^details: /, ""));
  return commitForModerators<ReportReceipt>(services, async (tx) => {
    const item = await reportedItem(tx, input);
    if (input.kind === "user" && item.id === actor.id)
      throw badInput("handle", "you can't report yourself");
    const key = and(
      eq(reports.reporterId, actor.id),
      eq(reports.targetKind, input.kind),
      eq(reports.targetId, item.id),
    );
    const [inserted] = await tx
      .insert(reports)
      .values({
        reporterId: actor.id,
        targetKind: input.kind,
        targetId: item.id,
        debateId: item.debateId,
        reason: input.reason,
        details,
      })
      .onConflictDoNothing()
      .returning({ id: reports.id });
    if (inserted)
      return { value: { id: inserted.id, status: "open", reopened: false }, events: [] };
    const [existing] = await tx
      .select({ id: reports.id, status: reports.status })
      .from(reports)
      .where(key)
      .for("update");
    if (!existing) throw conflict("Your report could not be saved; try again.");
    if (existing.status === "open")
      throw conflict(
        `You already reported this ${input.kind}; moderators will look at it. One report per person is enough.`,
      );
    await tx
      .update(reports)
      .set({
        reason: input.reason,
        details,
        status: "open",
        createdAt: sql`now()`,
        closedBy: null,
        closedAt: null,
        closingNote: null,
      })
      .where(eq(reports.id, existing.id));
    return { value: { id: existing.id, status: "open", reopened: true }, events: [] };
  });
}

/** What a moderator sees of a reported item, beside its reports. */
export type ReportedItemContext =
  | {
      kind: "claim";
      claimId: number;
      authorHandle: string;
      /** The text itself: moderators read hidden claims. */
      body: string;
      deleted: boolean;
      hiddenReason: string | null;
      debateSlug: string;
      debateTitle: string;
      parent: { id: number; authorHandle: string; excerpt: string } | null;
    }
  | { kind: "crux"; cruxId: number; title: string; debateSlug: string; debateTitle: string }
  | {
      kind: "evidence";
      evidenceId: number;
      title: string;
      url: string | null;
      quote: string | null;
      cruxId: number;
      cruxTitle: string;
      debateSlug: string;
      debateTitle: string;
    }
  | {
      kind: "user";
      handle: string;
      displayName: string;
      joinedAt: string;
      recentClaims: { id: number; debateSlug: string; excerpt: string; createdAt: string }[];
    }
  | { kind: "gone" };

async function contextOf(db: DbExecutor, group: ReportGroup): Promise<ReportedItemContext> {
  const id = group.targetId;
  switch (group.targetKind) {
    case "claim": {
      const [row] = await db
        .select({
          id: claims.id,
          parentId: claims.parentId,
          authorHandle: users.handle,
          body: claims.body,
          deletedAt: claims.deletedAt,
          hiddenReason: claims.hiddenReason,
          hiddenAt: claims.hiddenAt,
          debateSlug: debates.slug,
          debateTitle: debates.title,
        })
        .from(claims)
        .innerJoin(users, eq(users.id, claims.authorId))
        .innerJoin(debates, eq(debates.id, claims.debateId))
        .where(eq(claims.id, id));
      if (!row) return { kind: "gone" };
      let parent = null;
      if (row.parentId !== null) {
        const [p] = await db
          .select({
            id: claims.id,
            authorHandle: users.handle,
            body: claims.body,
            deletedAt: claims.deletedAt,
            hiddenAt: claims.hiddenAt,
            hiddenReason: claims.hiddenReason,
          })
          .from(claims)
          .innerJoin(users, eq(users.id, claims.authorId))
          .where(eq(claims.id, row.parentId));
        if (p)
          parent = { id: p.id, authorHandle: p.authorHandle, excerpt: excerpt(publicText(p), 200) };
      }
      return {
        kind: "claim",
        claimId: row.id,
        authorHandle: row.authorHandle,
        body: row.deletedAt ? "" : row.body,
        deleted: row.deletedAt !== null,
        hiddenReason: row.hiddenAt ? (row.hiddenReason ?? "") : null,
        debateSlug: row.debateSlug,
        debateTitle: row.debateTitle,
        parent,
      };
    }
    case "crux": {
      const [row] = await db
        .select({
          id: cruxes.id,
          title: cruxes.title,
          slug: debates.slug,
          debateTitle: debates.title,
        })
        .from(cruxes)
        .innerJoin(debates, eq(debates.id, cruxes.debateId))
        .where(eq(cruxes.id, id));
      if (!row) return { kind: "gone" };
      return {
        kind: "crux",
        cruxId: row.id,
        title: row.title,
        debateSlug: row.slug,
        debateTitle: row.debateTitle,
      };
    }
    case "evidence": {
      const [row] = await db
        .select({
          id: evidence.id,
          title: evidence.title,
          url: evidence.url,
          quote: evidence.quote,
          cruxId: cruxes.id,
          cruxTitle: cruxes.title,
          slug: debates.slug,
          debateTitle: debates.title,
        })
        .from(evidence)
        .innerJoin(cruxes, eq(cruxes.id, evidence.cruxId))
        .innerJoin(debates, eq(debates.id, cruxes.debateId))
        .where(eq(evidence.id, id));
      if (!row) return { kind: "gone" };
      return {
        kind: "evidence",
        evidenceId: row.id,
        title: row.title,
        url: row.url,
        quote: row.quote,
        cruxId: row.cruxId,
        cruxTitle: row.cruxTitle,
        debateSlug: row.slug,
        debateTitle: row.debateTitle,
      };
    }
    case "user": {
      const [user] = await db
        .select({
          id: users.id,
          handle: users.handle,
          displayName: users.displayName,
          createdAt: users.createdAt,
        })
        .from(users)
        .where(eq(users.id, id));
      if (!user) return { kind: "gone" };
      const recent = await db
        .select({
          id: claims.id,
          debateSlug: debates.slug,
          body: claims.body,
          deletedAt: claims.deletedAt,
          createdAt: claims.createdAt,
        })
        .from(claims)
        .innerJoin(debates, eq(debates.id, claims.debateId))
        .where(eq(claims.authorId, user.id))
        .orderBy(desc(claims.createdAt))
        .limit(5);
      return {
        kind: "user",
        handle: user.handle,
        displayName: user.displayName,
        joinedAt: user.createdAt.toISOString(),
        recentClaims: recent.map((c) => ({
          id: c.id,
          debateSlug: c.debateSlug,
          excerpt: c.deletedAt ? "[deleted]" : excerpt(c.body, 160),
          createdAt: c.createdAt.toISOString(),
        })),
      };
    }
  }
}

/** The most reported items one queue page shows. */
export const MAX_QUEUE_ITEMS = 100;

export type QueueItem = ReportGroup & { context: ReportedItemContext };

/** Open reports in the actor's scope, grouped by item, in context. */
export async function listReportQueue(
  db: DbExecutor,
  actor: Actor,
  order: QueueOrder,
): Promise<{ items: QueueItem[]; total: number }> {
  const filter = queueFilter(await requireAnyModeration(db, actor));
  const rows = await db
    .select({
      id: reports.id,
      targetKind: reports.targetKind,
      targetId: reports.targetId,
      debateId: reports.debateId,
      reporterHandle: users.handle,
      reason: reports.reason,
      details: reports.details,
      createdAt: reports.createdAt,
    })
    .from(reports)
    .innerJoin(users, eq(users.id, reports.reporterId))
    .where(
      filter.all
        ? eq(reports.status, "open")
        : and(eq(reports.status, "open"), inArray(reports.debateId, filter.debateIds)),
    );
  const groups = orderQueue(
    groupReports(
      rows.map((r) => ({
        ...r,
        reason: r.reason as ReportReason,
        createdAt: r.createdAt.toISOString(),
      })),
    ),
    order,
  );
  const items: QueueItem[] = [];
  for (const group of groups.slice(0, MAX_QUEUE_ITEMS))
    items.push({ ...group, context: await contextOf(db, group) });
  return { items, total: groups.length };
}

/**
 * Resolves (acted on) or dismisses (nothing wrong) a report together with every other open report
 * about the same item, with a note; audited in the same transaction.
 */
export function closeReports(
  services: Services,
  actor: Actor,
  reportId: number,
  status: "resolved" | "dismissed",
  note: string,
): Promise<{ closed: number; status: "resolved" | "dismissed" }> {
  return commitForModerators(services, async (tx) => {
    const [report] = await tx.select().from(reports).where(eq(reports.id, reportId)).for("update");
    if (!report) throw notFound(`No report with id ${reportId}.`);
    await requireModerator(tx, actor, report.debateId);
    if (report.status !== "open")
      throw conflict(`Report ${reportId} was already ${report.status}.`);
    const closed = await tx
      .update(reports)
      .set({ status, closedBy: actor.id, closedAt: sql`now()`, closingNote: note.trim() })
      .where(
        and(
          eq(reports.targetKind, report.targetKind),
          eq(reports.targetId, report.targetId),
          eq(reports.status, "open"),
        ),
      )
      .returning({ id: reports.id });
    await recordModeration(tx, {
      actorId: actor.id,
      action: status === "resolved" ? "report.resolve" : "report.dismiss",
      targetKind: "report",
      targetId: reportId,
      debateId: report.debateId,
      reason: note.trim(),
      details: {
        item: { kind: report.targetKind, id: report.targetId },
        reportIds: closed.map((r) => r.id),
      },
    });
    return { value: { closed: closed.length, status }, events: [] };
  });
}
