import { openApiDocument } from "@/server/api/v1";

export const dynamic = "force-dynamic";

export function GET(req: Request) {
  return Response.json(openApiDocument(new URL(req.url).origin));
}
