// What the CLI tests ask of a command that was given bad input.
import { expect } from "vitest";
import type { CliResult } from "./run-cli.ts";

/** Bad input: a non-zero exit, nothing on stdout, exactly one line on stderr, no stack trace. */
export function expectOneLineFailure(result: CliResult, reason: RegExp): void {
  expect(result.code, result.stderr).not.toBe(0);
  expect(result.code, "killed by a signal").not.toBeNull();
  expect(result.stdout).toBe("");
  expect(result.stderr).toMatch(/^[^\n]+\n$/);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).toMatch(reason);
}
