/**
 * The webhook queue's worker (graphile-worker, jobs in PostgreSQL): runs in every app process,
 * which share the jobs (each job runs once, under a row lock). After commits that wrote events the
 * process asks for a dispatch (coalesced; a pending dispatch job is reused by its key), and a
 * once-a-minute cron dispatch picks up anything a crash between commit and that request left.
 */
import { Logger, run, type Runner } from "graphile-worker";
import type { Services } from "@/server/usecases/services";
import { deliverWebhook, dispatchWebhooks } from "@/server/usecases/webhooks";

export interface WebhookWorker {
  /** Ask for a dispatch soon (cheap to call after every commit). */
  kick(): void;
  stop(): Promise<void>;
}

const KICK_DELAY_MS = 100;

/**
 * The queue's own log, without its per-job "completed task" lines (one per dispatch, which drowned
 * the server log): warnings and errors only.
 */
const quietLogger = new Logger(() => (level, message) => {
  if (level === "error") console.error(`[webhooks] ${message}`);
  else if (level === "warning") console.warn(`[webhooks] ${message}`);
});

export async function startWebhookWorker(
  services: Pick<Services, "db" | "config">,
  databaseUrl: string,
): Promise<WebhookWorker> {
  const { db, config } = services;
  const runner: Runner = await run({
    connectionString: databaseUrl,
    maxPoolSize: 4,
    concurrency: 2,
    pollInterval: 1000,
    noHandleSignals: true,
    logger: quietLogger,
    taskList: {
      "webhooks:dispatch": async () => {
        await dispatchWebhooks(db);
      },
      "webhooks:deliver": async (payload, helpers) => {
        const { deliveryId } = payload as { deliveryId: string };
        await deliverWebhook(
          db,
          config,
          deliveryId,
          helpers.job.attempts,
          helpers.job.max_attempts,
        );
      },
    },
    crontab: "* * * * * webhooks:dispatch\n",
  });
  let pending: NodeJS.Timeout | null = null;
  return {
    kick() {
      if (pending) return;
      pending = setTimeout(() => {
        pending = null;
        runner
          .addJob("webhooks:dispatch", {}, { jobKey: "webhooks:dispatch" })
          .catch((err: unknown) => console.error("[webhooks] could not queue a dispatch:", err));
      }, KICK_DELAY_MS);
      pending.unref();
    },
    async stop() {
      if (pending) clearTimeout(pending);
      await runner.stop();
    },
  };
}
