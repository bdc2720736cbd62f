import { getConfig, getDatabase } from "@/server/runtime";

export const dynamic = "force-dynamic";

export async function GET() {
  const database = await getDatabase();
  return Response.json({
    status: "ok",
    database: database.kind,
    realtime: getConfig().redisUrl ? "redis" : "in-process",
  });
}
