/**
 * Following debates and cruxes (docs/notifications.md): follow and unfollow, the automatic follow
 * when someone forecasts or bets, "since you last looked" on a crux, and who follows what.
 */
import { and, desc, eq } from "drizzle-orm";
import type { DbExecutor, Tx } from "@/db/client";
import { cruxes, debates, follows } from "@/db/schema";
import { rangeFraction } from "@/server/domain/numeric/range";
import { notFound } from "@/server/errors";
import { community } from "./forecasts";
import { numericCrowd, numericRangeOf } from "./numericCruxes";

export type FollowTarget = { cruxId: number } | { debateSlug: string };

type CruxRow = typeof cruxes.$inferSelect;

/**
 * The crux's community value as crowd-move reminders compare it: P(YES), or a numeric crux's
 * community median (raw, for the message) with where it sits in the range (0-1, for the rule).
 */
export async function communityValue(
  db: DbExecutor,
  crux: CruxRow,
): Promise<{ value: number; scaled: number } | null> {
  const range = numericRangeOf(crux);
  if (!range) {
    const { p } = await community(db, crux.id);
    return p === null ? null : { value: p, scaled: p };
  }
  const median = (await numericCrowd(db, crux.id, range)).communityPercentiles?.p50;
  return median === undefined ? null : { value: median, scaled: rangeFraction(range, median) };
}

async function requireCrux(db: DbExecutor, cruxId: number): Promise<CruxRow> {
  const [crux] = await db.select().from(cruxes).where(eq(cruxes.id, cruxId));
  if (!crux) throw notFound(`No crux with id ${cruxId}.`);
  return crux;
}

async function requireDebateId(db: DbExecutor, slug: string): Promise<number> {
  const [debate] = await db.select({ id: debates.id }).from(debates).where(eq(debates.slug, slug));
  if (!debate) throw notFound(`No debate "${slug}".`);
  return debate.id;
}

/** Follows (again) a crux or a debate; a crux's "last looked" starts at its community value now. */
export async function follow(
  db: DbExecutor,
  userId: number,
  target: FollowTarget,
  now: number,
): Promise<{ following: true }> {
  if ("cruxId" in target) {
    const crux = await requireCrux(db, target.cruxId);
    const seen = await communityValue(db, crux);
    const values = { active: true, seenAt: new Date(now), seenValue: seen?.value ?? null };
    await db
      .insert(follows)
      .values({ userId, cruxId: crux.id, ...values })
      .onConflictDoUpdate({ target: [follows.userId, follows.cruxId], set: values });
  } else {
    const debateId = await requireDebateId(db, target.debateSlug);
    await db
      .insert(follows)
      .values({ userId, debateId })
      .onConflictDoUpdate({ target: [follows.userId, follows.debateId], set: { active: true } });
  }
  return { following: true };
}

/**
 * Stops following. The row stays (inactive) so forecasting or betting again does not follow the
 * crux behind the person's back.
 */
export async function unfollow(
  db: DbExecutor,
  userId: number,
  target: FollowTarget,
): Promise<{ following: false }> {
  if ("cruxId" in target) {
    await requireCrux(db, target.cruxId);
    await db
      .insert(follows)
      .values({ userId, cruxId: target.cruxId, active: false })
      .onConflictDoUpdate({ target: [follows.userId, follows.cruxId], set: { active: false } });
  } else {
    const debateId = await requireDebateId(db, target.debateSlug);
    await db
      .insert(follows)
      .values({ userId, debateId, active: false })
      .onConflictDoUpdate({ target: [follows.userId, follows.debateId], set: { active: false } });
  }
  return { following: false };
}

/**
 * Forecasting or betting follows the crux, inside that transaction; a person who unfollowed it
 * keeps their choice (the existing row is left alone). Acting on the crux page counts as looking:
 * a follower's "last looked" becomes the crowd now (their own forecast is no news to them).
 */
export async function autoFollowCrux(
  tx: Tx,
  userId: number,
  crux: CruxRow,
  now: number,
  /** The community value when the caller has just read it; read here otherwise. */
  seenValue?: number | null,
): Promise<void> {
  const [existing] = await tx
    .select({ id: follows.id, active: follows.active })
    .from(follows)
    .where(and(eq(follows.userId, userId), eq(follows.cruxId, crux.id)));
  // They unfollowed it: nothing to follow, nothing to look at.
  if (existing && !existing.active) return;
  const value =
    seenValue !== undefined ? seenValue : ((await communityValue(tx, crux))?.value ?? null);
  const values = { seenAt: new Date(now), seenValue: value };
  if (!existing)
    await tx
      .insert(follows)
      .values({ userId, cruxId: crux.id, ...values })
      .onConflictDoNothing();
  else await tx.update(follows).set(values).where(eq(follows.id, existing.id));
}

/**
 * The crux page was read by a follower: what the crowd says now is what they last saw. Only
 * followers keep a "last looked" (nobody else is told of moves).
 */
export async function recordCruxSeen(
  db: DbExecutor,
  userId: number,
  cruxId: number,
  now: number,
): Promise<void> {
  const crux = await requireCrux(db, cruxId);
  const seen = await communityValue(db, crux);
  await db
    .update(follows)
    .set({ seenAt: new Date(now), seenValue: seen?.value ?? null })
    .where(and(eq(follows.userId, userId), eq(follows.cruxId, cruxId), eq(follows.active, true)));
}

/** Whether the person follows the crux (or the debate); 404 when there is no such thing. */
export async function followState(
  db: DbExecutor,
  userId: number,
  target: FollowTarget,
): Promise<{ following: boolean }> {
  const where =
    "cruxId" in target
      ? eq(follows.cruxId, (await requireCrux(db, target.cruxId)).id)
      : eq(follows.debateId, await requireDebateId(db, target.debateSlug));
  const [row] = await db
    .select({ active: follows.active })
    .from(follows)
    .where(and(eq(follows.userId, userId), where));
  return { following: row?.active ?? false };
}

/** Everything the person follows, newest first. */
export async function listFollows(db: DbExecutor, userId: number) {
  const cruxRows = await db
    .select({
      cruxId: cruxes.id,
      title: cruxes.title,
      debateSlug: debates.slug,
      since: follows.createdAt,
    })
    .from(follows)
    .innerJoin(cruxes, eq(cruxes.id, follows.cruxId))
    .innerJoin(debates, eq(debates.id, cruxes.debateId))
    .where(and(eq(follows.userId, userId), eq(follows.active, true)))
    .orderBy(desc(follows.id));
  const debateRows = await db
    .select({ debateSlug: debates.slug, title: debates.title, since: follows.createdAt })
    .from(follows)
    .innerJoin(debates, eq(debates.id, follows.debateId))
    .where(and(eq(follows.userId, userId), eq(follows.active, true)))
    .orderBy(desc(follows.id));
  return {
    cruxes: cruxRows.map((r) => ({ ...r, since: r.since.toISOString() })),
    debates: debateRows.map((r) => ({ ...r, since: r.since.toISOString() })),
  };
}
