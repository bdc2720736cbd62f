/** Moderation set-up for tests: roles through the same use-case the admin page and CLI use. */
import type { UserRecord } from "@/server/usecases/accounts";
import { listModerationLog } from "@/server/usecases/moderation/audit";
import { grantRole } from "@/server/usecases/moderation/roles";
import type { TestDb } from "./testdb";

/** Makes `user` a moderator of the debate `debateSlug`, or site-wide when null. */
export async function grantModerator(
  t: TestDb,
  admin: UserRecord,
  user: UserRecord,
  debateSlug: string | null,
): Promise<void> {
  await grantRole(t.handle.db, admin, {
    handle: user.handle,
    role: "moderator",
    debateSlug: debateSlug ?? undefined,
  });
}

/** The newest 200 audit entries `reader` may read. */
export async function moderationLogFor(t: TestDb, reader: UserRecord) {
  return (await listModerationLog(t.handle.db, reader, { limit: 200 })).entries;
}
