// What adding a channel kind takes: one definition and one registry line. A toy kind defined here,
// appended to the registry's list, gets the same factory, config schema and contract run as the
// built-in kinds, with no other code naming it.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  missingContractSpecs,
  runRegistryContracts,
  type HttpContractReceiver,
} from "../../../test/channel-contract.ts";
import { CHANNEL_SPECS, httpContractSpec } from "../../../test/channel-specs.ts";
import { channelConfigSchema, channelConfigSchemaFor } from "../../config/schema.ts";
import { defineChannel } from "../channel-definition.ts";
import { CHANNELS } from "../registry.ts";
import { renderNotification } from "../render.ts";
import { httpUrl } from "./settings-parts.ts";

/** POSTs {"title": …} as JSON; its URL is a secret (the token is in the path). */
const toy = defineChannel({
  type: "toy",
  settingsSchema: z.strictObject({ url: httpUrl }),
  secretPaths: [["url"]],
  create: (id, settings, ctx) => {
    const http = ctx.createHttpSender();
    return {
      id,
      type: "toy",
      async send(notification, sendCtx) {
        const body = JSON.stringify({ title: renderNotification(notification).title });
        await http.post({ url: settings.url, body }, sendCtx);
      },
      close: () => http.close(),
    };
  },
});

const WITH_TOY = [...CHANNELS, toy] as const;
const TOY_TOKEN = "toySECRETtoken0123456789";
const toySpec = httpContractSpec({
  settings: (receiver: HttpContractReceiver, mode) => ({ url: receiver.http.url(mode, `/toy/${TOY_TOKEN}`) }),
  secrets: [TOY_TOKEN],
  invalid: [
    { name: "missing url", settings: {}, key: "url" },
    { name: "unknown key", settings: { url: "https://toy.example/x", colour: "red" }, key: "colour" },
  ],
});

describe("a new channel kind", () => {
  it("is flagged by the contract loop until it has a spec", () => {
    expect(missingContractSpecs(CHANNELS, CHANNEL_SPECS)).toEqual([]);
    expect(missingContractSpecs(WITH_TOY, CHANNEL_SPECS)).toEqual(["toy"]);
    expect(missingContractSpecs(WITH_TOY, { ...CHANNEL_SPECS, toy: toySpec })).toEqual([]);
  });

  it("is accepted by the config schema built from the list holding it", () => {
    const entry = { id: "play", type: "toy", url: `https://toy.example/${TOY_TOKEN}` };
    expect(channelConfigSchemaFor(WITH_TOY).parse(entry)).toEqual(entry);
    expect(channelConfigSchemaFor(WITH_TOY).safeParse({ ...entry, colour: "red" }).success).toBe(false);
    // The real schema, built from the registry alone, does not know it.
    expect(channelConfigSchema.safeParse(entry).success).toBe(false);
  });
});

// The same runner as contract.test.ts, over the list holding the toy (only the toy runs here: the
// built-in kinds run there, once each).
runRegistryContracts(WITH_TOY, { ...CHANNEL_SPECS, toy: toySpec }, ["toy"]);
