// Child processes of the fleet bench: started with this Node (process.execPath, i.e. Node 24, no npx
// shim in between, so the pid is the process measured), and their CPU and memory read from /proc.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";

export const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Starts `node <args>`; stderr is passed through, stdout collected. */
export function startNode(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stdout = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    exited,
    stdout: () => stdout,
    /** The first line it prints (the fleet server's port). */
    firstLine: () =>
      new Promise<string>((resolve, reject) => {
        const check = () => {
          const end = stdout.indexOf("\n");
          if (end >= 0) resolve(stdout.slice(0, end).trim());
        };
        child.stdout!.on("data", check);
        child.once("exit", (code) => reject(new Error(`${args[0]} exited (${code}) before printing`)));
        check();
      }),
  };
}

export async function stop(child: ChildProcess, exited: Promise<unknown>, ms = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), ms);
  await exited;
  clearTimeout(timer);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ProcSample {
  /** ms since the bench's t0 */
  t: number;
  /** utime + stime, ms */
  cpuMs: number;
  rssKb: number;
  hwmKb: number;
}

/** One reading of /proc/<pid>/stat (utime, stime in clock ticks) and /proc/<pid>/status (VmRSS, VmHWM). */
export function readProc(pid: number, t: number): ProcSample | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields from 3 (state) on
    const ticks = Number(fields[11]) + Number(fields[12]); // 14 utime, 15 stime
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
    return { t, cpuMs: (ticks * 1000) / CLOCK_TICKS, rssKb: kb("VmRSS"), hwmKb: kb("VmHWM") };
  } catch {
    return null; // gone (killed or exited)
  }
}

/** Waits until GET <url> answers 200. */
export async function waitFor(url: string, timeoutMs: number, exited: Promise<unknown>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !gone) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(gone ? `${url}: the process exited` : `${url} did not answer within ${timeoutMs} ms`);
}

/**
 * What the `pingoru` command's shebang line runs Node with: the environment it sets (the allocator's
 * settings) and the V8 flags. Benchmarks start serve with both, so that it is measured as users run it.
 */
export function launchOf(script: string): { env: Record<string, string>; flags: string[] } {
  const words = readFileSync(script, "utf8").split("\n", 1)[0]!.split(/\s+/);
  const node = words.indexOf("node");
  const assignments = words.slice(0, node).filter((w) => /^[A-Z_]+=/.test(w));
  return {
    env: Object.fromEntries(
      assignments.map((w) => [w.slice(0, w.indexOf("=")), w.slice(w.indexOf("=") + 1)]),
    ),
    flags: words.slice(node + 1),
  };
}
