/** A big debate written straight to the database (the system benchmark, big-thread tests). */
import type { Db } from "@/db/client";
import { claims, debates } from "@/db/schema";

const TOP_LEVEL = 40;
const BATCH = 500;

/**
 * A debate of `n` claims: 40 top-level ones, the rest replies to earlier claims spread over the
 * tree (so branches grow to different sizes and depths, as real threads do). Returns the ids in
 * insertion order.
 */
export async function bigDebate(
  db: Db,
  slug: string,
  n: number,
  authorId: number,
): Promise<number[]> {
  const [debate] = await db
    .insert(debates)
    .values({ slug, title: `A debate of ${n} claims` })
    .returning({ id: debates.id });
  const ids: number[] = [];
  const text =
    "This is a claim of ordinary length, with **some markdown**, a [link](https://example.test) and a list:\n\n- one\n- two\n\nIt goes on for a few sentences, as real arguments do.";
  for (let start = 0; start < n;) {
    // Each batch replies to claims of earlier batches only (their ids are known).
    const size = Math.min(start === 0 ? TOP_LEVEL : BATCH, n - start);
    const batch = Array.from({ length: size }, (_, k) => {
      const i = start + k;
      const parentId = ids.length === 0 ? null : ids[(i * 7919) % ids.length]!;
      return {
        debateId: debate!.id,
        parentId,
        authorId,
        stance: parentId === null ? null : (["supports", "opposes", "clarifies"] as const)[i % 3]!,
        body: `${text} (#${i})`,
      };
    });
    const rows = await db.insert(claims).values(batch).returning({ id: claims.id });
    ids.push(...rows.map((r) => r.id));
    start += size;
  }
  return ids;
}
