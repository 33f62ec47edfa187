// Runs the platform contract (platform-contract.ts) over a registry list: each platform once per spec
// entry, its spec found by kind (test/platform-specs/). A registered kind with no spec fails a test.
import { describe, expect, it } from "vitest";
import type { Platform } from "../src/platforms/platform.ts";
import { platformContract, type PlatformContractSpec } from "./platform-contract.ts";

/** One platform's contract spec, without the platform: the runner adds it from the registry. */
export type PlatformSpec = Omit<PlatformContractSpec, "platform">;

/** A spec with a name, for a platform run on more than one recorded page. */
export type PlatformSpecVariant = PlatformSpec & { variant: string };

/** A spec, or several named variants (heroku: an open incident, a maintenance), each run in full. */
export type PlatformSpecEntry = PlatformSpec | readonly PlatformSpecVariant[];

/** Specs by platform kind; may lack kinds, which is what contractGaps reports. */
export type PlatformSpecs = Readonly<Partial<Record<string, PlatformSpecEntry>>>;

/** One contract run: its describe name and its full spec. */
export interface ContractCase {
  name: string;
  spec: PlatformContractSpec;
}

/** The registered kinds that have no spec, in registry order. */
export function contractGaps(platforms: readonly Platform[], specs: PlatformSpecs): string[] {
  return platforms.filter((p) => specs[p.kind] === undefined).map((p) => p.kind);
}

/** Fails, naming each kind and what to add, when a registered platform has no spec. */
export function expectNoContractGaps(platforms: readonly Platform[], specs: PlatformSpecs): void {
  const gaps = contractGaps(platforms, specs);
  const folder = "test/platform-specs/";
  const fix = gaps.map((k) => `"${k}" (add ${folder}${k}.ts and list it in ${folder}index.ts)`);
  expect(gaps, `registered platforms without a contract spec: ${fix.join(", ")}`).toEqual([]);
}

function isVariants(entry: PlatformSpecEntry): entry is readonly PlatformSpecVariant[] {
  return Array.isArray(entry);
}

/** What the runner runs: every platform with a spec, each variant as its own case. */
export function contractCases(platforms: readonly Platform[], specs: PlatformSpecs): ContractCase[] {
  return platforms.flatMap((platform) => {
    const entry = specs[platform.kind];
    if (entry === undefined) return [];
    if (!isVariants(entry)) return [{ name: platform.kind, spec: { ...entry, platform } }];
    return entry.map(({ variant, ...spec }) => ({
      name: `${platform.kind} (${variant})`,
      spec: { ...spec, platform },
    }));
  });
}

/** Registers the whole contract for every platform in the list, and the check that none lacks a spec. */
export function runPlatformContracts(platforms: readonly Platform[], specs: PlatformSpecs): void {
  describe("platform contract coverage", () => {
    it("every registered platform has a contract spec", () => {
      expectNoContractGaps(platforms, specs);
    });
  });
  for (const { name, spec } of contractCases(platforms, specs)) platformContract(name, spec);
}
