import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import { goneOnThisHost, newWorkerId } from "./worker-identity.ts";

describe("worker identity", () => {
  it("names the host and the process, and differs each time", () => {
    const id = newWorkerId();
    expect(id).toMatch(new RegExp(`^${hostname()}/${process.pid}/[0-9a-f]{8}$`));
    expect(newWorkerId()).not.toBe(id);
  });

  it("finds the workers of this host whose process is gone, or whose pid this process now has", () => {
    const self = newWorkerId();
    const exited = spawnSync(process.execPath, ["-e", "0"]).pid!; // a process that has ended
    const holders = [
      self,
      `${hostname()}/${exited}/00000001`,
      `${hostname()}/${process.pid}/00000002`, // an earlier process given this pid (a container's pid 1)
      `${hostname()}/${process.ppid}/00000003`, // alive
      `another-host/${exited}/00000004`, // not this host's to judge
      "not-an-id",
    ];
    expect(goneOnThisHost(holders, self)).toEqual([holders[1], holders[2]]);
  });
});
