/**
 * The production build, with a fingerprint of the sources it was built from kept beside it, so
 * `npm start` (scripts/start.ts) can tell a missing or stale build from a current one.
 *
 *   npm run build    # always builds
 */
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const distDir = process.env.NEXT_DIST_DIR || ".next";
const FINGERPRINT = "cruxible-sources";
const SOURCE_DIRS = ["app", "components", "lib", "server", "db", "types"];
const SOURCE_FILES = ["next.config.js", "package-lock.json", "tsconfig.json"];

function* filesUnder(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else yield full;
  }
}

/** A hash of every source the build depends on, by path and content. */
export function sourceFingerprint(root = process.cwd()): string {
  const hash = crypto.createHash("sha256");
  const all = [
    ...SOURCE_DIRS.filter((d) => fs.existsSync(path.join(root, d))).flatMap((d) => [
      ...filesUnder(path.join(root, d)),
    ]),
    ...SOURCE_FILES.map((f) => path.join(root, f)).filter((f) => fs.existsSync(f)),
  ].sort();
  for (const file of all)
    hash.update(path.relative(root, file)).update("\0").update(fs.readFileSync(file));
  return hash.digest("hex");
}

/** "missing", "stale" or "current". */
export function buildState(root = process.cwd()): "missing" | "stale" | "current" {
  if (!fs.existsSync(path.join(root, distDir, "BUILD_ID"))) return "missing";
  const file = path.join(root, distDir, FINGERPRINT);
  const built = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  return built === sourceFingerprint(root) ? "current" : "stale";
}

/** Notes beside the build which sources it was built from. */
export function recordBuild(fingerprint: string, root = process.cwd()): void {
  fs.writeFileSync(path.join(root, distDir, FINGERPRINT), fingerprint);
}

/** Runs `next build` and records what it was built from; exits the process if the build fails. */
export function build(root = process.cwd()): void {
  const fingerprint = sourceFingerprint(root);
  const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const result = spawnSync(process.execPath, [next, "build"], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
  recordBuild(fingerprint, root);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve("scripts/build.ts")) build();
