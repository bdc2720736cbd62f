/** Starts the real server process (`node --import tsx server/main.ts`) for server and e2e tests. */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

export interface RunningServer {
  url: string;
  port: number;
  process: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface StartOptions {
  env?: Record<string, string | undefined>;
  /** "production" needs `npm run build` first; "development" compiles on demand. */
  mode?: "production" | "development";
  port?: number;
  timeoutMs?: number;
  /** Extra flags for node itself (the benchmark's `--profile` passes `--cpu-prof`). */
  nodeArgs?: string[];
}

/** Resolves once the server says it is ready; rejects with its output if it exits first. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const mode = options.mode ?? "production";
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), "--import", "tsx", "server/main.ts"],
    {
      cwd: process.cwd(),
      env: {
        ...process.env,
        NODE_ENV: mode,
        PORT: String(port),
        NEXTAUTH_URL: `http://localhost:${port}`,
        NEXT_TELEMETRY_DISABLED: "1",
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(`server did not start within ${options.timeoutMs ?? 90_000} ms:\n${output}`),
      );
    }, options.timeoutMs ?? 90_000);
    const onData = () => {
      if (output.includes("[cruxible] ready on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} before it was ready:\n${output}`));
    });
  });

  return {
    url: `http://localhost:${port}`,
    port,
    process: child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 8000).unref();
      }),
  };
}

/** Runs a process to completion, returning its exit code and output (for CLI and start-up checks). */
export function runProcess(
  args: string[],
  env: Record<string, string | undefined> = {},
  timeoutMs = 60_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: process.cwd(),
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`process timed out: ${args.join(" ")}\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
