import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildState, recordBuild, sourceFingerprint } from "@/scripts/build";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function project(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "crx-build-"));
  dirs.push(root);
  fs.mkdirSync(path.join(root, "app"));
  fs.writeFileSync(path.join(root, "app", "page.tsx"), "export default 1;");
  fs.writeFileSync(path.join(root, "package-lock.json"), "{}");
  return root;
}

describe("npm start builds only when it must", () => {
  it("builds when there is no build", () => {
    expect(buildState(project())).toBe("missing");
  });

  it("serves a build made from the same sources, and rebuilds after a source changes", () => {
    const root = project();
    fs.mkdirSync(path.join(root, ".next"));
    fs.writeFileSync(path.join(root, ".next", "BUILD_ID"), "x");
    expect(buildState(root)).toBe("stale"); // built by plain `next build`: origin unknown
    recordBuild(sourceFingerprint(root), root);
    expect(buildState(root)).toBe("current");
    fs.writeFileSync(path.join(root, "app", "page.tsx"), "export default 2;");
    expect(buildState(root)).toBe("stale");
    recordBuild(sourceFingerprint(root), root);
    fs.writeFileSync(path.join(root, "app", "new.tsx"), "export default 3;");
    expect(buildState(root)).toBe("stale");
  });
});
