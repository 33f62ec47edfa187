import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startKeepAliveReceiver } from "../../../test/helpers/keep-alive-receiver.ts";
import type { KeepAliveReceiver } from "../../../test/helpers/keep-alive-receiver.ts";
import { incidentNotification } from "../../../test/helpers/notification-samples.ts";
import { DeliveryError } from "../channel.ts";
import type { ChannelType } from "../registry.ts";
import { createChannel } from "./index.ts";

let receiver: KeepAliveReceiver;
beforeAll(async () => {
  receiver = await startKeepAliveReceiver();
});
afterAll(() => receiver.close());

const ctx = () => ({ signal: AbortSignal.timeout(5000), now: () => new Date() });

const HTTP_CHANNELS: { type: ChannelType; settings: (url: string) => Record<string, unknown> }[] = [
  { type: "webhook", settings: (url) => ({ url }) },
  { type: "slack", settings: (url) => ({ url }) },
  { type: "discord", settings: (url) => ({ url }) },
  { type: "teams", settings: (url) => ({ url }) },
  { type: "pagerduty", settings: (url) => ({ routing_key: "rk", url }) },
  { type: "opsgenie", settings: (url) => ({ api_key: "key", url }) },
];

describe("closing an HTTP channel", () => {
  it.each(HTTP_CHANNELS)("$type: close() closes the kept-alive connection", async ({ type, settings }) => {
    const before = receiver.connections();
    const channel = createChannel(
      { id: `close-${type}`, type, config: settings(receiver.url()), disabledReason: null },
      { allowPrivateTargets: true },
    );
    await channel.send(incidentNotification(), ctx());
    // The pool keeps the connection open after the send.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.connections()).toBe(before + 1);
    expect(receiver.open()).toBe(1);
    await channel.close?.();
    await vi.waitFor(() => expect(receiver.open()).toBe(0));
  });

  it("a send after close fails retryably and opens nothing", async () => {
    const channel = createChannel(
      { id: "closed-hook", type: "webhook", config: { url: receiver.url() }, disabledReason: null },
      { allowPrivateTargets: true },
    );
    await channel.close?.();
    const before = receiver.connections();
    const error = await channel.send(incidentNotification(), ctx()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ retryable: true });
    expect((error as Error).message).toContain("closed-hook");
    expect(receiver.connections()).toBe(before);
  });
});
