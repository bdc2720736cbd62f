import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { claims, debates } from "@/db/schema";
import { notFound } from "@/server/errors";

/**
 * Reads a claim with its debate and locks its row until the transaction ends: "update" to change
 * it (edit, delete, hide), "share" to act on its text (a reaction), so an edit waits for us.
 */
export async function lockClaim(tx: Tx, claimId: number, mode: "update" | "share" = "update") {
  const [row] = await tx
    .select({
      authorId: claims.authorId,
      body: claims.body,
      createdAt: claims.createdAt,
      editedAt: claims.editedAt,
      deletedAt: claims.deletedAt,
      hiddenAt: claims.hiddenAt,
      debate: { id: debates.id, slug: debates.slug },
    })
    .from(claims)
    .innerJoin(debates, eq(debates.id, claims.debateId))
    .where(eq(claims.id, claimId))
    .for(mode, { of: claims });
  if (!row) throw notFound(`No claim with id ${claimId}.`);
  return row;
}
