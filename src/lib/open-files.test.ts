import { describe, expect, it } from "vitest";
import { openFilesLimit } from "./open-files.ts";

const limits = (
  openFiles: string,
) => `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max open files            ${openFiles}                files
Max locked memory         8388608              8388608              bytes
`;

describe("openFilesLimit", () => {
  it("reads the soft limit", () => {
    expect(openFilesLimit(limits("1024                 524288"))).toBe(1024);
    expect(openFilesLimit(limits("unlimited            unlimited"))).toBe(Infinity);
  });

  it("is null where there is no such file or line", () => {
    expect(openFilesLimit(null)).toBeNull();
    expect(openFilesLimit("Max cpu time unlimited unlimited seconds\n")).toBeNull();
  });

  it("reads this process's own limit on Linux", () => {
    if (process.platform !== "linux") return;
    expect(openFilesLimit()).toBeGreaterThan(0);
  });
});
