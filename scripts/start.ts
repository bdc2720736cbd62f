/**
 * `npm start`: serves the production build, building it first when it is missing or was built from
 * other sources (scripts/build.ts keeps a fingerprint beside it), then runs the one server process
 * (server/main.ts). The npm script sets NODE_ENV=production; `npm run dev` stays for development.
 * With several processes (README, "Scaling out"), run `npm run build` once before starting them.
 */
import { build, buildState } from "./build";

const state = buildState();
if (state !== "current") {
  console.log(
    state === "missing"
      ? "[cruxible] no production build yet: building it once (a minute or two)"
      : "[cruxible] the sources changed since the last build: building again",
  );
  build();
}
await import("../server/main");
