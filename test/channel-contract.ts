// The one contract every notification channel keeps, run for every definition in the registry
// (src/notify/channels/contract.test.ts, specs in test/channel-specs.ts) against a real loopback
// receiver (HTTP, or an SMTP server process for email): it delivers; it classifies failures for the
// dispatcher (retry, give up, disable); it never follows a redirect or dials a private address it was
// not allowed to; it refuses bad settings by name; it never leaks a secret.
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { isPingoruError } from "../src/lib/errors.ts";
import { DeliveryError } from "../src/notify/channel.ts";
import type { Channel, ChannelFactory } from "../src/notify/channel.ts";
import type { AnyChannelDefinition } from "../src/notify/channel-definition.ts";
import { createChannel, createChannelFrom } from "../src/notify/channels/index.ts";
import type { ChannelType } from "../src/notify/registry.ts";
import type { Notification } from "../src/domain/notification.ts";
import { RETRY_AFTER, startHttpReceiver } from "./helpers/http-receiver.ts";
import type { HttpReceiver } from "./helpers/http-receiver.ts";
import { incidentNotification } from "./helpers/notification-samples.ts";

/** How the receiver answers; "gone" and "redirect" exist only for HTTP receivers. */
export type ContractMode =
  "accept" | "unavailable" | "rate_limited" | "rejected" | "gone" | "hang" | "redirect";

export interface ContractReceiver {
  /** Everything the receiver got in `mode` so far, as text (HTTP body, or the mail's text part). */
  received(mode: ContractMode): string[];
  /** HTTP only: requests that reached the redirect's target. */
  redirectTargetHits?(): number;
  close(): Promise<void>;
}

/** How to run the contract on one channel kind: its receiver, settings and what to expect. */
export interface ContractSpec<R extends ContractReceiver = ContractReceiver> {
  start(): Promise<R>;
  /** Valid settings pointing the channel at the receiver, answering in `mode`. */
  settings(receiver: R, mode: ContractMode): Record<string, unknown>;
  /** Modes this transport has (SMTP has no 410 and no redirects). */
  modes: readonly ContractMode[];
  /** Retry-After the receiver sends for "unavailable" and "rate_limited" (none for SMTP). */
  retryAfter: { unavailable?: number; rate_limited?: number };
  /** Values that must never appear in an error or a log. */
  secrets: readonly string[];
  /** Bad settings and the key the error must name. */
  invalid: readonly { name: string; settings: Record<string, unknown>; key: string }[];
}

export interface ChannelContractSpec<R extends ContractReceiver = ContractReceiver> extends ContractSpec<R> {
  /** The definition's type word. */
  type: string;
}

/** Contract specs by channel type. */
export type ContractSpecs = Readonly<Record<string, ContractSpec | undefined>>;

const CHANNEL_ID = "contract-chan";

export type HttpContractReceiver = ContractReceiver & { http: HttpReceiver };

/** The loopback HTTP receiver (test/helpers/http-receiver.ts) seen through the contract's eyes. */
export async function startHttpContractReceiver(): Promise<HttpContractReceiver> {
  const http = await startHttpReceiver();
  return {
    http,
    received: (mode) => http.requests.filter((r) => r.mode === mode).map((r) => r.body),
    redirectTargetHits: () => http.redirectTargetHits.length,
    close: () => http.close(),
  };
}

export const HTTP_CONTRACT = {
  start: startHttpContractReceiver,
  modes: ["accept", "unavailable", "rate_limited", "rejected", "gone", "hang", "redirect"],
  retryAfter: RETRY_AFTER,
} as const;

/** The types in `definitions` that have no spec: each fails the contract run. */
export function missingContractSpecs(
  definitions: readonly AnyChannelDefinition[],
  specs: ContractSpecs,
): string[] {
  return definitions.filter((definition) => specs[definition.type] === undefined).map((d) => d.type);
}

/**
 * Runs the contract for every definition in `definitions` (or only those of `types`), building each
 * channel with the factory over that same list. A kind with no spec is a failing test.
 */
export function runRegistryContracts(
  definitions: readonly AnyChannelDefinition[],
  specs: ContractSpecs,
  types: readonly string[] = definitions.map((definition) => definition.type),
): void {
  const create = createChannelFrom(definitions);
  const missing = new Set(missingContractSpecs(definitions, specs));
  for (const type of types) {
    if (missing.has(type))
      it(`channel ${type} has no contract spec`, () => {
        expect.fail(`channel ${type} has no contract spec (add one to test/channel-specs.ts)`);
      });
    else runChannelContract({ ...specs[type]!, type }, create);
  }
}

export function runChannelContract<R extends ContractReceiver>(
  spec: ChannelContractSpec<R>,
  create: ChannelFactory,
): void {
  describe(`${spec.type} channel contract`, () => {
    let receiver: R;
    const errors: unknown[] = [];
    const logged: string[] = [];
    const channel = (mode: ContractMode, allowPrivateTargets = true): Channel =>
      create(
        { id: CHANNEL_ID, type: spec.type, config: spec.settings(receiver, mode), disabledReason: null },
        { allowPrivateTargets },
      );
    const failure = async (mode: ContractMode, signal = AbortSignal.timeout(5000), allow = true) => {
      const built = channel(mode, allow);
      const error = await built.send(incidentNotification(), { signal, now: () => new Date() }).then(
        () => undefined,
        (e: unknown) => e,
      );
      await built.close?.();
      errors.push(error);
      expect(error).toBeInstanceOf(DeliveryError);
      expect((error as DeliveryError).message).toContain(CHANNEL_ID);
      return error as DeliveryError;
    };
    const has = (mode: ContractMode) => spec.modes.includes(mode);

    beforeAll(async () => {
      receiver = await spec.start();
      captureLogs(logged);
    });
    afterAll(async () => {
      vi.restoreAllMocks();
      await receiver.close();
    });

    it("delivers a correct message to a real receiver", async () => {
      const n: Notification = incidentNotification();
      const built = channel("accept");
      await built.send(n, { signal: AbortSignal.timeout(5000), now: () => new Date() });
      await built.close?.();
      await vi.waitFor(() => expect(receiver.received("accept")).toHaveLength(1));
      const [text = ""] = receiver.received("accept");
      expect(text).toContain("Incident with Actions");
    });

    it.runIf(has("unavailable"))("503 (or SMTP 4xx) is retryable, with Retry-After", async () => {
      const error = await failure("unavailable");
      expect(error).toMatchObject({
        retryable: true,
        gone: false,
        retryAfterSeconds: spec.retryAfter.unavailable,
      });
    });

    it.runIf(has("rate_limited"))("429 is retryable, with Retry-After", async () => {
      const error = await failure("rate_limited");
      expect(error).toMatchObject({
        retryable: true,
        gone: false,
        retryAfterSeconds: spec.retryAfter.rate_limited,
      });
    });

    it("400 (or SMTP 5xx) is not retryable", async () => {
      expect(await failure("rejected")).toMatchObject({ retryable: false, gone: false });
    });

    it.runIf(has("gone"))("410 says the destination is gone", async () => {
      expect(await failure("gone")).toMatchObject({ retryable: false, gone: true });
    });

    // The receiver never answers: a channel that ignored the send's signal would hang this test.
    it("a receiver that hangs fails retryably within the send's signal", async () => {
      const error = await failure("hang", AbortSignal.timeout(300));
      expect(error.retryable).toBe(true);
    });

    it.runIf(has("redirect"))("a redirect is not followed", async () => {
      expect(await failure("redirect")).toMatchObject({ retryable: false, gone: false });
      expect(receiver.redirectTargetHits?.()).toBe(0);
    });

    it("refuses a loopback receiver unless private targets are allowed", async () => {
      const before = receiver.received("accept").length;
      const error = await failure("accept", AbortSignal.timeout(5000), false);
      expect(error.retryable).toBe(false);
      expect(error.message).toMatch(/loopback/);
      expect(receiver.received("accept")).toHaveLength(before);
    });

    it.each(spec.invalid)("refuses bad settings ($name) naming the channel and key", ({ settings, key }) => {
      let error: unknown;
      try {
        create(
          { id: CHANNEL_ID, type: spec.type, config: settings, disabledReason: null },
          { allowPrivateTargets: true },
        );
      } catch (e) {
        error = e;
      }
      errors.push(error);
      expect(isPingoruError(error) && error.kind).toBe("input");
      expect((error as Error).message).toContain(CHANNEL_ID);
      expect((error as Error).message).toContain(key);
    });

    it("never puts a secret into an error, its causes, or a log", () => {
      expect(errors.length).toBeGreaterThan(3);
      const text = [...errors.map(chainText), ...logged].join("\n");
      for (const secret of spec.secrets) expect(text).not.toContain(secret);
    });
  });
}

/** Everything an error could show: message, stack, own properties, causes (inspect walks them). */
function chainText(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 10; depth++) {
    parts.push(String(e), inspect(e, { depth: 10, showHidden: true }), JSON.stringify(e) ?? "");
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join("\n");
}

function captureLogs(sink: string[]): void {
  const keep = (...args: unknown[]) => sink.push(args.map((a) => inspect(a, { depth: 10 })).join(" "));
  for (const method of ["log", "info", "warn", "error", "debug"] as const)
    vi.spyOn(console, method).mockImplementation(keep);
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, "write").mockImplementation((chunk: unknown, ...rest: unknown[]) => {
      sink.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    });
  }
}

/** Sends one notification through a fresh channel and returns what the HTTP receiver got for it. */
export async function deliverOverHttp(
  receiver: HttpReceiver,
  type: ChannelType,
  settings: Record<string, unknown>,
  notification: Notification,
) {
  const before = receiver.requests.length;
  const channel = createChannel(
    { id: `${type}-test`, type, config: settings, disabledReason: null },
    { allowPrivateTargets: true },
  );
  try {
    await channel.send(notification, { signal: AbortSignal.timeout(5000), now: () => new Date() });
  } finally {
    await channel.close?.();
  }
  return receiver.requests.slice(before);
}
