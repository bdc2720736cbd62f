import { handleTrpc } from "@/server/trpc/http";

export const dynamic = "force-dynamic";

// server/main.ts answers /api/trpc itself, before Next; this serves it when Next runs alone.
export { handleTrpc as GET, handleTrpc as POST };
