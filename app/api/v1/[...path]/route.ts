import { handleApiV1 } from "@/server/api/v1";

export const dynamic = "force-dynamic";

export {
  handleApiV1 as GET,
  handleApiV1 as POST,
  handleApiV1 as PATCH,
  handleApiV1 as DELETE,
  handleApiV1 as PUT,
};
