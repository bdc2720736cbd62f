/** Admin CLI: `npm run cli -- <command>`. Errors go to stderr with a non-zero exit. */
import { readFile } from "node:fs/promises";
import { Command, CommanderError } from "commander";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { seedAll } from "@/db/seed";
import { loadConfig } from "./config";
import { AppError } from "./errors";
import { createApiKey, createUser, requireUserByHandle } from "./usecases/accounts";
import { checkLedger } from "./usecases/ledger";
import { importDebate } from "./usecases/debateArchive";
import { readImport } from "./domain/debateArchive";
import { ROLE_KINDS, type RoleKind } from "./domain/moderation";
import { grantRole, revokeRole } from "./usecases/moderation/roles";

async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const handle = await openDatabase({
    databaseUrl: config.databaseUrl,
    pgliteDir: config.pgliteDir,
    poolSize: 2,
  });
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

const print = (json: boolean, value: Record<string, unknown>, text: string) =>
  console.log(json ? JSON.stringify(value) : text);

const program = new Command()
  .name("cruxible")
  .description("Cruxible admin commands")
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

program
  .command("user:create")
  .description("create an account")
  .argument("<handle>", "lowercase letters, digits and dashes")
  .requiredOption("--password <password>", "at least 8 characters")
  .option("--display-name <name>", "name shown beside the handle")
  .option("--api-key", "also create an API key and print it")
  .option("--admin", "make the account an admin")
  .option("--json", "print one JSON object")
  .action(
    async (
      handle: string,
      opts: {
        password: string;
        displayName?: string;
        apiKey?: boolean;
        admin?: boolean;
        json?: boolean;
      },
    ) => {
      await withDatabase(async ({ db }) => {
        const user = await createUser(db, {
          handle,
          password: opts.password,
          displayName: opts.displayName,
          isAdmin: opts.admin ?? false,
        });
        const apiKey = opts.apiKey ? await createApiKey(db, user.id) : undefined;
        print(
          opts.json ?? false,
          { id: user.id, handle: user.handle, ...(apiKey ? { apiKey } : {}) },
          `Created @${user.handle} (id ${user.id})${user.isAdmin ? " as admin" : ""}.${apiKey ? `\nAPI key (shown once): ${apiKey}` : ""}`,
        );
      });
    },
  );

program
  .command("apikey:create")
  .description("create an API key for an account (shown once; stored hashed)")
  .argument("<handle>")
  .option("--json", "print one JSON object")
  .action(async (handle: string, opts: { json?: boolean }) => {
    await withDatabase(async ({ db }) => {
      const user = await requireUserByHandle(db, handle);
      const apiKey = await createApiKey(db, user.id);
      print(
        opts.json ?? false,
        { handle: user.handle, apiKey },
        `API key for @${user.handle} (shown once): ${apiKey}`,
      );
    });
  });

program
  .command("db:seed")
  .description("load the seed debates (skips debates that exist)")
  .action(async () => {
    await withDatabase(async (handle) => {
      for (const r of await seedAll(handle))
        console.log(
          r.created
            ? `Seeded "${r.slug}" with ${r.claims} claims.`
            : `"${r.slug}" already exists; left as it is.`,
        );
    });
  });

program
  .command("debate:import")
  .description(
    "import a thread (a JSON file of comments, a forum API answer or a Cruxible export) as a new debate",
  )
  .argument("<file>")
  .requiredOption("--slug <slug>", "the new debate's slug")
  .option("--title <title>", "its title (default: the file's, if it has one)")
  .option("--json", "print one JSON object")
  .action(async (file: string, opts: { slug: string; title?: string; json?: boolean }) => {
    const read = readImport(JSON.parse(await readFile(file, "utf8")) as unknown);
    if (!read.ok) throw new AppError("BAD_REQUEST", `${file}: ${read.problem}`);
    await withDatabase(async ({ db }) => {
      const r = await importDebate(db, null, read.thread, { slug: opts.slug, title: opts.title });
      print(
        opts.json ?? false,
        r,
        `Imported "${r.title}" as /debates/${r.slug}: ${r.claims} claims by ${r.authors} authors.`,
      );
    });
  });

for (const kind of ["grant", "revoke"] as const)
  program
    .command(`role:${kind}`)
    .description(
      kind === "grant"
        ? "make someone a moderator (site-wide, or of one debate with --debate) or an admin"
        : "take back a moderator role (site-wide, or of one debate with --debate) or an admin role",
    )
    .argument("<handle>")
    .argument("<role>", ROLE_KINDS.join(" or "))
    .option("--debate <slug>", "only in this debate (moderators)")
    .option("--reason <text>", "why, for the audit log")
    .action(async (handle: string, role: string, opts: { debate?: string; reason?: string }) => {
      if (!(ROLE_KINDS as readonly string[]).includes(role))
        throw new AppError("BAD_REQUEST", `role must be one of: ${ROLE_KINDS.join(", ")}`);
      await withDatabase(async ({ db }) => {
        const change = {
          handle,
          role: role as RoleKind,
          debateSlug: opts.debate,
          reason: opts.reason,
        };
        const r = await (kind === "grant" ? grantRole : revokeRole)(db, null, change);
        const where = r.role === "admin" ? "" : r.debate ? ` of "${r.debate.slug}"` : " site-wide";
        console.log(
          `${kind === "grant" ? "Granted" : "Revoked"} ${r.role}${where} ${kind === "grant" ? "to" : "from"} @${r.handle}.`,
        );
      });
    });

program
  .command("ledger:check")
  .description("verify every ledger invariant; exits non-zero naming each broken one")
  .action(async () => {
    await withDatabase(async ({ db }) => {
      const violations = await checkLedger(db);
      if (violations.length === 0) {
        console.log(
          "Ledger OK: every transaction sums to zero, balances sum to zero and match their postings, escrow holds exactly the open stakes, no negative balances.",
        );
        return;
      }
      for (const v of violations)
        console.error(`ledger invariant broken: ${v.invariant}: ${v.detail}`);
      process.exitCode = 1;
    });
  });

program
  .command("db:migrate")
  .description("apply migrations (the server also does this on start)")
  .action(async () => {
    await withDatabase(async (handle) =>
      console.log(`Migrated ${handle.kind} database (${handle.location}).`),
    );
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  const message = err instanceof AppError || err instanceof Error ? err.message : String(err);
  console.error(`error: ${message}`);
  process.exit(1);
});
