// Runs the real `pingoru` command as a child process (Node 24, type stripping), for end-to-end tests.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Absolute, so a test can run the command from any working directory. */
export const CLI_PATH = fileURLToPath(new URL("../../src/cli/pingoru.js", import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  /** Added to a copy of this process's environment without its PINGORU_* variables; undefined unsets. */
  env?: Record<string, string | undefined>;
  /** The command is killed (and the promise rejects) after this long. */
  timeoutMs?: number;
  /** Run this executable with these leading arguments instead of `node src/cli/pingoru.js`. */
  command?: readonly string[];
}

export interface CliProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit when the process ends. */
  readonly exited: Promise<CliResult>;
}

const running = new Set<ChildProcess>();

/** Starts the command and returns at once (for `serve`); see killAllCli. */
export function startCli(args: readonly string[], options: CliOptions = {}): CliProcess {
  const [file, ...lead] = options.command ?? [process.execPath, CLI_PATH];
  const child = spawn(file!, [...lead, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: cliEnv(options.env ?? {}),
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<CliResult>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => {
      running.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Runs the command to its end. Asynchronous on purpose: the fake vendor lives in this process. */
export async function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const cli = startCli(args, options);
  const timeoutMs = options.timeoutMs ?? 15_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      cli.child.kill("SIGKILL");
      reject(new Error(`pingoru ${args.join(" ")} took over ${timeoutMs} ms; stderr: ${cli.stderr()}`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([cli.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs the same command line in this process: the same program (`runPingoru`, as `pingoru.js` runs it),
 * environment, stdout, stderr and exit status, without a Node process started and the CLI loaded for
 * each command (most of a CLI test's time). One at a time, since the environment and the two streams
 * are this process's own while it runs. For what needs a process of its own (`serve`, signals, stdin,
 * another working directory, how `node` starts it), use runCli.
 */
export function runCliInProcess(
  args: readonly string[],
  options: Pick<CliOptions, "env"> = {},
): Promise<CliResult> {
  const run = inProcessQueue.then(() => runHere(args, options.env ?? {}));
  inProcessQueue = run.then(
    () => {},
    () => {},
  );
  return run;
}
let inProcessQueue = Promise.resolve();

async function runHere(args: readonly string[], env: Record<string, string | undefined>): Promise<CliResult> {
  const { runPingoru } = await import("../../src/cli/program.ts");
  const saved = { env: process.env, stdout: process.stdout.write, stderr: process.stderr.write };
  const captured = { stdout: "", stderr: "" };
  const capture = (stream: "stdout" | "stderr") =>
    ((chunk: string | Uint8Array, encoding?: unknown, done?: unknown) => {
      captured[stream] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      const callback = typeof encoding === "function" ? encoding : done;
      if (typeof callback === "function") process.nextTick(callback as () => void);
      return true;
    }) as typeof process.stdout.write;
  process.env = cliEnv(env);
  process.stdout.write = capture("stdout");
  process.stderr.write = capture("stderr");
  try {
    const code = await runPingoru([process.execPath, CLI_PATH, ...args]);
    return { code, signal: null, ...captured };
  } finally {
    process.env = saved.env;
    process.stdout.write = saved.stdout;
    process.stderr.write = saved.stderr;
  }
}

/** Kills every command still running (afterEach), so a failed test leaves no process behind. */
export async function killAllCli(): Promise<void> {
  const left = [...running];
  await Promise.all(
    left.map(
      (child) =>
        new Promise<void>((resolve) => {
          child.once("close", () => resolve());
          if (!child.kill("SIGKILL")) resolve();
        }),
    ),
  );
}

function cliEnv(extra: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = {};
  // The caller's own Pingoru settings (a database URL, a config file) must not leak into a test.
  for (const [key, value] of Object.entries(process.env))
    if (value !== undefined && !key.startsWith("PINGORU_")) env[key] = value;
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/**
 * Polls `probe` every `everyMs` until it returns a value other than undefined/null/false. The limit is
 * generous on purpose: it only turns a hang into a message, and a loaded machine (serve took over 10 s
 * to start during a CI run beside other jobs) must not fail a test that is right. The interval is
 * short, so that a test goes on soon after what it waits for happens (a probe is a cheap request).
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  { timeoutMs = 60_000, everyMs = 50 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`, { cause: lastError });
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
