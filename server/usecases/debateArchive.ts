/**
 * Export a debate (everything public about it, as the viewer may see it) and import a thread into
 * a new debate (docs/export-import.md).
 */
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db, DbExecutor } from "@/db/client";
import {
  claimReactions,
  claims,
  cruxTransitions,
  debates,
  evidence,
  fills,
  forecasts,
  offers,
  scores,
  users,
} from "@/db/schema";
import {
  ARCHIVE_FORMAT,
  ARCHIVE_VERSION,
  placeholderHandles,
  type DebateArchive,
  type ImportedThread,
} from "@/server/domain/debateArchive";
import { publicText } from "@/server/domain/claimVisibility";
import { crowdHiddenFrom } from "@/server/domain/forecasts";
import { conflict, forbidden } from "@/server/errors";
import { createDebate, requireDebate } from "./debates";
import { loadCruxRows, statusOf } from "./cruxes";
import type { Actor } from "./services";

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export async function exportDebate(
  db: DbExecutor,
  slug: string,
  viewer: string | null,
  now: number,
): Promise<DebateArchive> {
  const debate = await requireDebate(db, slug);
  const [debateRow] = await db
    .select({ createdAt: debates.createdAt })
    .from(debates)
    .where(eq(debates.id, debate.id));
  const claimRows = await db
    .select()
    .from(claims)
    .where(eq(claims.debateId, debate.id))
    .orderBy(asc(claims.id));
  const reactionRows = await db
    .select({ reaction: claimReactions })
    .from(claimReactions)
    .innerJoin(claims, eq(claims.id, claimReactions.claimId))
    // Reactions quote the text: a hidden claim's stay out of the (public) export.
    .where(and(eq(claims.debateId, debate.id), isNull(claims.hiddenAt)))
    .orderBy(asc(claimReactions.id));
  const cruxRows = await loadCruxRows(db, { debateId: debate.id });
  const cruxIds = cruxRows.map((r) => r.crux.id);
  const some = (ids: number[]) => (ids.length ? ids : [-1]);
  const [forecastRows, offerRows, fillRows, evidenceRows, stepRows, scoreRows] = await Promise.all([
    db
      .select()
      .from(forecasts)
      .where(inArray(forecasts.cruxId, some(cruxIds)))
      .orderBy(asc(forecasts.id)),
    db
      .select()
      .from(offers)
      .where(inArray(offers.cruxId, some(cruxIds)))
      .orderBy(asc(offers.id)),
    db
      .select()
      .from(fills)
      .where(inArray(fills.cruxId, some(cruxIds)))
      .orderBy(asc(fills.id)),
    db
      .select()
      .from(evidence)
      .where(inArray(evidence.cruxId, some(cruxIds)))
      .orderBy(asc(evidence.id)),
    db
      .select()
      .from(cruxTransitions)
      .where(inArray(cruxTransitions.cruxId, some(cruxIds)))
      .orderBy(asc(cruxTransitions.id)),
    db
      .select()
      .from(scores)
      .where(inArray(scores.cruxId, some(cruxIds)))
      .orderBy(asc(scores.cruxId), asc(scores.userId)),
  ]);

  const userIds = new Set<number>([
    ...claimRows.map((c) => c.authorId),
    ...reactionRows.map((r) => r.reaction.userId),
    ...forecastRows.map((f) => f.userId),
    ...offerRows.flatMap((o) => (o.counterpartyId ? [o.makerId, o.counterpartyId] : [o.makerId])),
    ...fillRows.map((f) => f.takerId),
    ...evidenceRows.map((e) => e.userId),
    ...stepRows.flatMap((s) => (s.actorId ? [s.actorId] : [])),
    ...scoreRows.map((s) => s.userId),
  ]);
  const people = new Map(
    (
      await db
        .select({ id: users.id, handle: users.handle, displayName: users.displayName })
        .from(users)
        .where(inArray(users.id, some([...userIds])))
    ).map((u) => [u.id, u]),
  );
  const handleOf = (id: number) => people.get(id)?.handle ?? "unknown";
  const viewerId =
    viewer === null ? null : [...people.values()].find((u) => u.handle === viewer)?.id;

  // The hidden-crowd rule (server/domain/forecasts.ts) decides whose forecasts each crux shows.
  const hidden = new Set(
    cruxRows
      .filter((row) =>
        crowdHiddenFrom(
          { hidesCrowd: row.crux.hideCrowdUntilForecast, status: statusOf(row, now) },
          viewerId !== undefined &&
            forecastRows.some((f) => f.cruxId === row.crux.id && f.userId === viewerId),
        ),
      )
      .map((row) => row.crux.id),
  );

  return {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    exportedAt: new Date(now).toISOString(),
    debate: {
      slug: debate.slug,
      title: debate.title,
      summary: debate.summary,
      createdAt: iso(debateRow!.createdAt),
    },
    claims: claimRows.map((c) => ({
      id: c.id,
      parentId: c.parentId,
      authorHandle: handleOf(c.authorId),
      authorName: people.get(c.authorId)?.displayName ?? "",
      stance: c.stance,
      quote: c.hiddenAt ? null : c.quote,
      // A deleted claim keeps its place in the tree, not its words; a hidden one says it is hidden.
      body: publicText(c),
      createdAt: iso(c.createdAt),
      editedAt: isoOrNull(c.editedAt),
      deleted: c.deletedAt !== null,
      quality: c.quality,
      agree: c.agree,
      disagree: c.disagree,
    })),
    reactions: reactionRows.map(({ reaction: r }) => ({
      claimId: r.claimId,
      userHandle: handleOf(r.userId),
      kind: r.kind,
      quote: r.quote,
      orphaned: r.orphaned,
      createdAt: iso(r.createdAt),
    })),
    cruxes: cruxRows.map(({ crux, creatorHandle, arbiterHandle }) => ({
      id: crux.id,
      claimId: crux.claimId,
      title: crux.title,
      resolutionCriteria: crux.resolutionCriteria,
      finePrint: crux.finePrint,
      createdBy: creatorHandle,
      arbiter: arbiterHandle,
      conditionCruxId: crux.conditionCruxId,
      hideCrowdUntilForecast: crux.hideCrowdUntilForecast,
      crowdHidden: hidden.has(crux.id),
      createdAt: iso(crux.createdAt),
      closesAt: iso(crux.closesAt),
      status: statusOf(
        cruxRows.find((r) => r.crux.id === crux.id)!,
        now,
      ),
      outcome: crux.outcome,
      closedAt: isoOrNull(crux.closedAt),
      kind: crux.kind,
      unit: crux.unit,
      rangeMin: crux.rangeMin,
      rangeMax: crux.rangeMax,
      openLower: crux.openLower,
      openUpper: crux.openUpper,
      scale: crux.scale,
      resolvedValue: crux.resolvedValue,
      derivedFromCruxId: crux.derivedFromCruxId,
      threshold: crux.threshold,
    })),
    forecasts: forecastRows
      .filter((f) => !hidden.has(f.cruxId) || f.userId === viewerId)
      .map((f) => ({
        cruxId: f.cruxId,
        userHandle: handleOf(f.userId),
        probability: f.probability,
        distribution: (f.distribution as Record<string, unknown> | null) ?? null,
        createdAt: iso(f.createdAt),
        movedByClaimId: f.movedByClaimId,
      })),
    offers: offerRows.map((o) => ({
      id: o.id,
      cruxId: o.cruxId,
      makerHandle: handleOf(o.makerId),
      side: o.side,
      price: o.price,
      stake: o.stake,
      remaining: o.remaining,
      status: o.status,
      counterpartyHandle: o.counterpartyId ? handleOf(o.counterpartyId) : null,
      note: o.note,
      createdAt: iso(o.createdAt),
    })),
    fills: fillRows.map((f) => ({
      id: f.id,
      offerId: f.offerId,
      cruxId: f.cruxId,
      takerHandle: handleOf(f.takerId),
      takerStake: f.takerStake,
      makerStake: f.makerStake,
      createdAt: iso(f.createdAt),
    })),
    evidence: evidenceRows.map((e) => ({
      id: e.id,
      cruxId: e.cruxId,
      userHandle: handleOf(e.userId),
      title: e.title,
      url: e.url,
      quote: e.quote,
      direction: e.direction,
      createdAt: iso(e.createdAt),
    })),
    resolutions: stepRows.map((s) => ({
      cruxId: s.cruxId,
      from: s.fromStatus,
      to: s.toStatus,
      action: s.action,
      actorHandle: s.actorId ? handleOf(s.actorId) : null,
      note: s.note,
      outcome: s.outcome,
      value: s.value,
      at: iso(s.at),
    })),
    scores: scoreRows.map((s) => ({
      cruxId: s.cruxId,
      userHandle: handleOf(s.userId),
      finalProbability: s.finalProbability,
      brier: s.brier,
      log: s.log,
      baseline: s.baseline,
      peer: s.peer,
      coverage: s.coverage,
    })),
  };
}

/**
 * A new debate from an imported thread, in one transaction: authors become placeholder accounts
 * (no password, so nobody can sign in as them) named after the debate; claims keep their dates.
 * Only admins import; `null` is the operator at the command line.
 */
export async function importDebate(
  db: Db,
  actor: Actor | null,
  thread: ImportedThread,
  input: { slug: string; title?: string | undefined; summary?: string | undefined },
): Promise<{ slug: string; title: string; claims: number; authors: number }> {
  if (actor && !actor.isAdmin) throw forbidden("Only admins import debates.");
  const title =
    input.title?.trim() || thread.title || `Imported thread (${thread.comments.length} comments)`;
  return db.transaction(async (tx) => {
    const debate = await createDebate(tx, actor, {
      slug: input.slug,
      title,
      summary: input.summary ?? thread.summary ?? "",
    });
    const handles = placeholderHandles(thread.comments, input.slug);
    const taken = await tx
      .select({ handle: users.handle })
      .from(users)
      .where(inArray(users.handle, [...handles.values()]));
    if (taken.length > 0)
      throw conflict(
        `Accounts named ${taken.map((t) => `@${t.handle}`).join(", ")} already exist; import under another slug.`,
      );
    const firstPost = thread.comments.reduce(
      (min, c) => (c.postedAt < min ? c.postedAt : min),
      thread.comments[0]!.postedAt,
    );
    const created = await tx
      .insert(users)
      .values(
        [...handles].map(([name, handle]) => ({
          handle,
          displayName: name.slice(0, 80),
          createdAt: new Date(firstPost),
        })),
      )
      .returning({ id: users.id, handle: users.handle });
    const userId = new Map(created.map((u) => [u.handle, u.id]));
    const { id: debateId } = await requireDebate(tx, debate.slug);
    const claimId = new Map<string, number>();
    for (const c of thread.comments) {
      const [row] = await tx
        .insert(claims)
        .values({
          debateId,
          parentId: c.parentId === null ? null : claimId.get(c.parentId)!,
          authorId: userId.get(handles.get(c.author)!)!,
          stance: c.stance,
          quote: c.quote,
          body: c.body,
          createdAt: new Date(c.postedAt),
        })
        .returning({ id: claims.id });
      claimId.set(c.id, row!.id);
    }
    return { slug: debate.slug, title, claims: thread.comments.length, authors: handles.size };
  });
}
