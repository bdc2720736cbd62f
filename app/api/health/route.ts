import { sql } from "drizzle-orm";
import { getConfig, getDatabase } from "@/server/runtime";

export const dynamic = "force-dynamic";

/** Healthy only when the database answers: a load balancer stops sending traffic otherwise. */
export async function GET() {
  const realtime = getConfig().redisUrl ? "redis" : "in-process";
  try {
    const database = await getDatabase();
    await Promise.race([
      database.db.execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), 3_000)),
    ]);
    return Response.json({ status: "ok", database: database.kind, realtime });
  } catch {
    return Response.json(
      {
        status: "unavailable",
        realtime,
        message: "The database is not answering; requests get 503 until it is back.",
      },
      { status: 503, headers: { "retry-after": "5" } },
    );
  }
}
