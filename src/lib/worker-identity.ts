// A worker's identity, for the leases it holds: host, process id and a random part (a restarted
// process may be given the same pid, in a container always pid 1). On its own host a worker can tell
// that another is gone: its process no longer exists, or it had this process's pid.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

export function newWorkerId(): string {
  return `${hostname()}/${process.pid}/${randomBytes(4).toString("hex")}`;
}

/** The holders that were workers on this host and are gone (never `self`; other hosts' are not judged). */
export function goneOnThisHost(holders: readonly string[], self: string): string[] {
  return holders.filter((holder) => {
    const [host, pid] = holder.split("/");
    if (holder === self || host !== hostname() || !/^\d+$/.test(pid ?? "")) return false;
    return Number(pid) === process.pid || !processExists(Number(pid));
  });
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // there, but not ours to signal
  }
}
