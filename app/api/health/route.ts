import { env } from "@/server/config";
import { getDatabase } from "@/server/runtime";

export const dynamic = "force-dynamic";

export async function GET() {
  const database = await getDatabase();
  return Response.json({
    status: "ok",
    database: database.kind,
    realtime: env.redisUrl() ? "redis" : "in-process",
  });
}
