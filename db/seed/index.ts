import fs from "node:fs";
import path from "node:path";
import { count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { SEED_LOCK, type DatabaseHandle, type DatabaseKind, type Db, type Tx } from "@/db/client";
import {
  claims,
  claimVotes,
  cruxes,
  cruxLinkJudgements,
  cruxLinks,
  debates,
  forecasts,
  ledgerAccounts,
  users,
} from "@/db/schema";
import { checkOffer } from "@/server/domain/bets";
import { recordFill, recordOffer } from "@/server/usecases/bets";
import { numericColumns, recordCreation } from "@/server/usecases/cruxes";
import { cdfFromInput, rangeProblem, type NumericRange } from "@/server/domain/numeric";
import { hashPassword } from "@/server/security/passwords";
import { grantStartingCredits } from "@/server/usecases/ledger";
import { STANCES } from "@/server/domain/thread";
import { tallyDelta, VOTE_AXES } from "@/server/domain/votes";

/** Password of every seeded demo account (README documents it; production refuses it by default). */
export const DEMO_PASSWORD = "cruxible-demo";

const handle = z.string().regex(/^[a-z0-9][a-z0-9-]{2,31}$/);

export const seedFileSchema = z.object({
  debate: z.object({ slug: z.string(), title: z.string(), summary: z.string().default("") }),
  startedAt: z.string().datetime().default("2023-01-25T15:00:00Z"),
  users: z.array(z.object({ handle, displayName: z.string() })),
  claims: z.array(
    z.object({
      key: z.string(),
      parentKey: z.string().nullable(),
      author: handle,
      stance: z.enum(STANCES).nullable(),
      quote: z.string().optional(),
      body: z.string().min(1),
      minutesAfterStart: z.number().int().nonnegative(),
    }),
  ),
  votes: z
    .array(
      z.object({
        claimKey: z.string(),
        voter: handle,
        axis: z.enum(VOTE_AXES),
        value: z.union([z.literal(1), z.literal(-1)]),
      }),
    )
    .default([]),
  cruxes: z
    .array(
      z.object({
        key: z.string(),
        claimKey: z.string().nullable(),
        author: handle,
        arbiter: handle.optional(),
        condition: z.string().optional(),
        minutesAfterStart: z.number().int().nonnegative(),
        title: z.string().min(1),
        resolutionCriteria: z.string().min(1),
        finePrint: z.string().default(""),
        /** Close times count from the day the seed is loaded, so seeded cruxes are open. */
        closesInDays: z.number().int().positive(),
        hideCrowdUntilForecast: z.boolean().default(false),
        /** A numeric crux's range (docs/numeric-cruxes.md); absent for a yes/no crux. */
        numeric: z
          .object({
            unit: z.string(),
            min: z.number(),
            max: z.number(),
            openLower: z.boolean(),
            openUpper: z.boolean(),
            scale: z.enum(["linear", "log"]),
          })
          .optional(),
        forecasts: z.array(
          z
            .object({
              user: handle,
              /** P(YES) on a yes/no crux. */
              p: z.number().min(0.001).max(0.999).optional(),
              /** On a numeric crux: what the person said, as an 80% interval with a median. */
              distribution: z
                .object({ median: z.number(), low: z.number(), high: z.number() })
                .optional(),
              minutesAfterStart: z.number().int().nonnegative(),
              movedByClaimKey: z.string().optional(),
            })
            .refine((f) => (f.p === undefined) !== (f.distribution === undefined), {
              message: "a seeded forecast has p (yes/no crux) or distribution (numeric crux)",
            }),
        ),
        links: z.array(
          z.object({
            claimKey: z.string(),
            user: handle,
            pClaimIfYes: z.number().min(0.001).max(0.999),
            pClaimIfNo: z.number().min(0.001).max(0.999),
          }),
        ),
        offers: z
          .array(
            z.object({
              maker: handle,
              side: z.enum(["yes", "no"]),
              price: z.number().int(),
              stake: z.number().int(),
              note: z.string().default(""),
              fills: z.array(z.object({ taker: handle, stake: z.number().int() })).default([]),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
});
export type SeedFile = z.infer<typeof seedFileSchema>;

export const SEED_FILES = [
  path.resolve(/*turbopackIgnore: true*/ process.cwd(), "db/seed/rlhf-impact.json"),
];

export function readSeedFile(file: string): SeedFile {
  return seedFileSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
}

export interface SeedResult {
  slug: string;
  created: boolean;
  claims: number;
}

/**
 * Loads one seed debate in a single transaction. Idempotent: a debate that exists is left alone.
 * Demo users are created once and shared between seed files.
 */
export async function seedDebate(
  db: Db,
  seed: SeedFile,
  passwordHash: string,
  kind: DatabaseKind,
): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    // Processes starting together on an empty database seed one at a time; the later ones then
    // find the debate and leave it alone. (PGlite has one connection, so it needs no lock.)
    if (kind === "postgres") await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const [existing] = await tx
      .select({ id: debates.id })
      .from(debates)
      .where(eq(debates.slug, seed.debate.slug));
    if (existing) return { slug: seed.debate.slug, created: false, claims: 0 };

    await tx
      .insert(users)
      .values(
        seed.users.map((u) => ({
          handle: u.handle,
          displayName: u.displayName,
          passwordHash,
          isDemo: true,
          // They joined when the debate began, not when this machine seeded it.
          createdAt: new Date(Date.parse(seed.startedAt)),
        })),
      )
      .onConflictDoNothing({ target: users.handle });
    const demoHandles = seed.users.map((u) => u.handle);
    const userRows = await tx.select({ id: users.id, handle: users.handle }).from(users);
    // Demo users created just now get their starting credits like everyone else.
    const funded = new Set(
      (await tx.select({ userId: ledgerAccounts.userId }).from(ledgerAccounts)).map(
        (a) => a.userId,
      ),
    );
    for (const u of userRows)
      if (demoHandles.includes(u.handle) && !funded.has(u.id)) await grantStartingCredits(tx, u.id);
    const userId = new Map(userRows.map((u) => [u.handle, u.id]));
    const idOf = (h: string) => {
      const id = userId.get(h);
      if (id === undefined) throw new Error(`seed: unknown user ${h}`);
      return id;
    };

    const start = Date.parse(seed.startedAt);
    const [debate] = await tx
      .insert(debates)
      .values({
        slug: seed.debate.slug,
        title: seed.debate.title,
        summary: seed.debate.summary,
        createdAt: new Date(start),
      })
      .returning({ id: debates.id });
    if (!debate) throw new Error("seed: debate insert returned nothing");

    const claimId = new Map<string, number>();
    for (const c of seed.claims) {
      const parentId = c.parentKey === null ? null : claimId.get(c.parentKey);
      if (parentId === undefined)
        throw new Error(`seed: claim ${c.key} replies to unknown ${c.parentKey}`);
      const [row] = await tx
        .insert(claims)
        .values({
          debateId: debate.id,
          parentId,
          authorId: idOf(c.author),
          stance: c.stance,
          body: c.body,
          quote: c.quote ?? null,
          createdAt: new Date(start + c.minutesAfterStart * 60_000),
        })
        .returning({ id: claims.id });
      if (!row) throw new Error(`seed: claim ${c.key} insert returned nothing`);
      claimId.set(c.key, row.id);
    }

    for (const v of seed.votes) {
      const id = claimId.get(v.claimKey);
      if (id === undefined) throw new Error(`seed: vote on unknown claim ${v.claimKey}`);
      await tx
        .insert(claimVotes)
        .values({ claimId: id, userId: idOf(v.voter), axis: v.axis, value: v.value });
      const d = tallyDelta(v.axis, 0, v.value);
      await tx
        .update(claims)
        .set({
          quality: sql`${claims.quality} + ${d.quality}`,
          agree: sql`${claims.agree} + ${d.agree}`,
          disagree: sql`${claims.disagree} + ${d.disagree}`,
        })
        .where(eq(claims.id, id));
    }
    await seedCruxes(tx, seed, {
      debateId: debate.id,
      start,
      claimId: (k) => claimId.get(k),
      userId: idOf,
    });
    return { slug: seed.debate.slug, created: true, claims: seed.claims.length };
  });
}

/** Offers and fills go through the same code as live ones (escrowed, balanced postings). */
async function seedOffers(
  tx: Tx,
  crux: { id: number; title: string },
  list: SeedFile["cruxes"][number]["offers"],
  refs: SeedRefs,
): Promise<void> {
  for (const o of list) {
    checkOffer(o);
    const offer = {
      id: await recordOffer(tx, crux, refs.userId(o.maker), o),
      side: o.side,
      price: o.price,
      remaining: o.stake,
    };
    for (const f of o.fills) {
      const fill = await recordFill(tx, crux, offer, refs.userId(f.taker), f.stake);
      offer.remaining -= fill.makerStake;
    }
  }
}

interface SeedRefs {
  debateId: number;
  start: number;
  claimId: (key: string) => number | undefined;
  userId: (handle: string) => number;
}

/** Cruxes with their forecast histories (in time order, each remembering the one before) and links. */
async function seedCruxes(tx: Tx, seed: SeedFile, refs: SeedRefs): Promise<void> {
  const at = (minutes: number) => new Date(refs.start + minutes * 60_000);
  const claimOf = (key: string) => {
    const id = refs.claimId(key);
    if (id === undefined) throw new Error(`seed: unknown claim ${key}`);
    return id;
  };
  const cruxId = new Map<string, number>();
  for (const c of seed.cruxes) {
    const conditionCruxId = c.condition === undefined ? null : cruxId.get(c.condition);
    if (conditionCruxId === undefined)
      throw new Error(`seed: crux ${c.key} is conditional on unknown ${c.condition}`);
    const [row] = await tx
      .insert(cruxes)
      .values({
        debateId: refs.debateId,
        claimId: c.claimKey === null ? null : claimOf(c.claimKey),
        title: c.title,
        resolutionCriteria: c.resolutionCriteria,
        finePrint: c.finePrint,
        createdBy: refs.userId(c.author),
        arbiterId: c.arbiter ? refs.userId(c.arbiter) : null,
        conditionCruxId,
        hideCrowdUntilForecast: c.hideCrowdUntilForecast,
        createdAt: at(c.minutesAfterStart),
        closesAt: new Date(Date.now() + c.closesInDays * 24 * 3600 * 1000),
        ...numericColumns(numericOf(c)),
      })
      .returning({ id: cruxes.id });
    if (!row) throw new Error(`seed: crux ${c.key} insert returned nothing`);
    await recordCreation(tx, {
      id: row.id,
      createdBy: refs.userId(c.author),
      createdAt: at(c.minutesAfterStart),
    });
    cruxId.set(c.key, row.id);
    const linked = new Set<number>();
    if (c.claimKey !== null) linked.add(claimOf(c.claimKey));
    for (const l of c.links) linked.add(claimOf(l.claimKey));
    for (const claim of linked)
      await tx
        .insert(cruxLinks)
        .values({ cruxId: row.id, claimId: claim, createdBy: refs.userId(c.author) });
    for (const l of c.links)
      await tx.insert(cruxLinkJudgements).values({
        cruxId: row.id,
        claimId: claimOf(l.claimKey),
        userId: refs.userId(l.user),
        pClaimIfYes: l.pClaimIfYes,
        pClaimIfNo: l.pClaimIfNo,
      });
    await seedOffers(tx, { id: row.id, title: c.title }, c.offers, refs);
    const numeric = numericOf(c);
    const previous = new Map<string, number>();
    for (const f of [...c.forecasts].sort((a, b) => a.minutesAfterStart - b.minutesAfterStart)) {
      if ((numeric === null) !== (f.distribution === undefined))
        throw new Error(`seed: crux ${c.key} has a forecast of the wrong kind by ${f.user}`);
      await tx.insert(forecasts).values({
        cruxId: row.id,
        userId: refs.userId(f.user),
        probability: f.p ?? null,
        previousProbability: previous.get(f.user) ?? null,
        // The same maths as a live forecast; a distribution outside the range throws.
        cdf: numeric && f.distribution ? [...cdfFromInput(numeric.range, f.distribution)] : null,
        distribution: f.distribution ?? null,
        movedByClaimId: f.movedByClaimKey ? claimOf(f.movedByClaimKey) : null,
        createdAt: at(f.minutesAfterStart),
      });
      if (f.p !== undefined) previous.set(f.user, f.p);
    }
  }
}

/** A seeded numeric crux's range, checked like a live one (rangeProblem). */
function numericOf(c: SeedFile["cruxes"][number]): { range: NumericRange; unit: string } | null {
  if (!c.numeric) return null;
  const { unit, ...range } = c.numeric;
  const problem = rangeProblem(range);
  if (problem) throw new Error(`seed: crux ${c.key}: ${problem}`);
  return { range, unit };
}

export async function seedAll({
  db,
  kind,
}: Pick<DatabaseHandle, "db" | "kind">): Promise<SeedResult[]> {
  const hash = await hashPassword(DEMO_PASSWORD);
  const results: SeedResult[] = [];
  for (const file of SEED_FILES) results.push(await seedDebate(db, readSeedFile(file), hash, kind));
  return results;
}

/** Seeds only a database with no debates at all (first start). */
export async function seedIfEmpty(
  handle: Pick<DatabaseHandle, "db" | "kind">,
): Promise<SeedResult[] | null> {
  const [row] = await handle.db.select({ n: count() }).from(debates);
  if ((row?.n ?? 0) > 0) return null;
  return seedAll(handle);
}
