/**
 * The one process: Next.js pages and route handlers (tRPC, API v1, next-auth, health) and
 * socket.io at /realtime on one HTTP server. Start with `node --import tsx server/main.ts`.
 */
import { EventEmitter } from "node:events";
import http from "node:http";
import next from "next";
import { ConfigError, ensureAuthSecret, loadConfig } from "./config";
import { DatabaseInUseError } from "@/db/client";
import {
  bodyRefusal,
  CLIENT_ADDRESS_HEADER,
  clientAddress,
  crossSiteWrite,
  newNonce,
  securityHeaders,
} from "./http/guards";
import { serveApi } from "./http/api";
import { REALTIME_PATH, createRealtime } from "./realtime/socket";
import {
  getDatabase,
  publishEvents,
  publishNotifications,
  publishModerationChanged,
  setConfig,
  setIo,
  setWebhookWorker,
} from "./runtime";
import { startWebhookWorker, type WebhookWorker } from "./webhooks/worker";
import { runDueWork } from "./usecases/lifecycle/scheduler";
import { runReminders } from "./usecases/reminders";

async function main() {
  const config = loadConfig();
  setConfig(config);
  const port = config.port;
  const dev = !config.isProduction;
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  ensureAuthSecret(config);
  // next-auth reads NEXTAUTH_URL itself.
  process.env.NEXTAUTH_URL ??= config.publicUrl;

  const database = await getDatabase();
  console.log(`[cruxible] database: ${database.kind} (${database.location})`);

  const httpServer = http.createServer();
  // Next attaches its own upgrade listener to whatever httpServer it is given and ends upgrades it
  // does not route; give it a private emitter and forward only the upgrades that are not ours.
  const nextUpgrades = new EventEmitter();
  const app = next({
    dev,
    hostname: "localhost",
    port,
    httpServer: nextUpgrades as unknown as http.Server,
  });
  await app.prepare();
  const handle = app.getRequestHandler();
  const ownOrigin = new URL(config.publicUrl).origin;
  const https = config.publicUrl.startsWith("https://");
  httpServer.on("request", (req, res) => {
    const method = req.method ?? "GET";
    const refusal = bodyRefusal(req.headers) ?? crossSiteWrite(method, req.headers, ownOrigin);
    if (refusal) {
      // Answer at once, then throw away whatever body keeps arriving (nothing is kept) for a
      // moment so the client can read the answer, and cut the connection if it goes on.
      res.writeHead(refusal.status, { "content-type": "application/json" });
      res.end(JSON.stringify({ code: refusal.code, message: refusal.message }));
      req.resume();
      const cut = setTimeout(() => req.destroy(), 2_000);
      cut.unref();
      req.once("end", () => clearTimeout(cut));
      return;
    }
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(
      req.headers,
      req.socket.remoteAddress,
      config.trustProxy,
    );
    const headers = securityHeaders({ nonce: newNonce(), dev, https });
    // Next reads the nonce from the request's CSP header and puts it on its scripts.
    req.headers["content-security-policy"] = headers["Content-Security-Policy"];
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    if (!serveApi(req, res, ownOrigin)) void handle(req, res);
  });
  httpServer.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith(REALTIME_PATH)) nextUpgrades.emit("upgrade", req, socket, head);
  });

  const services = {
    db: database.db,
    config,
    publish: publishEvents,
    notifyUsers: publishNotifications,
    moderationChanged: publishModerationChanged,
  };
  const realtime = await createRealtime(httpServer, services, {
    redisUrl: config.redisUrl,
    redisPrefix: config.redisPrefix,
  });
  setIo(realtime.io);

  // Webhooks need the job queue in PostgreSQL; the embedded database runs without them.
  let webhooks: WebhookWorker | undefined;
  if (config.databaseUrl) {
    webhooks = await startWebhookWorker(services, config.databaseUrl, {
      reminders: config.reminders,
    });
    setWebhookWorker(webhooks);
  }

  // Time-driven lifecycle steps: cruxes close at their close time, undisputed resolutions
  // finalize when their window ends, expired offers are refunded. Due ones on start, then every 30 s.
  const runDue = () =>
    runDueWork(services, Date.now())
      .then(({ closed, finalized, expired }) => {
        if (closed + finalized + expired > 0)
          console.log(
            `[cruxible] timer: ${closed} crux(es) closed, ${finalized} resolution(s) finalized, ${expired} offer(s) expired`,
          );
      })
      .catch((err: unknown) => console.error("[cruxible] timer failed:", err));
  await runDue();
  const timer = setInterval(() => void runDue(), 30_000);
  timer.unref();

  // Reminders (docs/notifications.md): on PostgreSQL the job queue's cron runs them once a minute
  // across all processes; the embedded database has one process and no queue, so a plain timer.
  if (config.reminders && !config.databaseUrl) {
    const reminders = setInterval(
      () =>
        void runReminders(services, Date.now()).catch((err: unknown) =>
          console.error("[cruxible] reminders failed:", err),
        ),
      60_000,
    );
    reminders.unref();
  }

  await new Promise<void>((resolve) => httpServer.listen(port, resolve));
  console.log(
    `[cruxible] ready on http://localhost:${port} (${dev ? "development" : "production"}${config.redisUrl ? ", redis adapter" : ""})`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[cruxible] ${signal}: shutting down`);
    const forceExit = setTimeout(() => process.exit(0), 5000);
    forceExit.unref();
    await webhooks?.stop().catch(() => undefined);
    await realtime.close().catch(() => undefined);
    await app.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DatabaseInUseError)
    console.error(`[cruxible] ${err.message}`);
  else console.error("[cruxible] failed to start:", err);
  process.exit(1);
});
