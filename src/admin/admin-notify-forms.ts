// Admin pages: the channel and subscription forms, over the admin API's own parsing and validation.
import type { Hono } from "hono";
import { PingoruError } from "../lib/errors.ts";
import { parseSubscriptionInput } from "./subscription-input.ts";
import { parseChannelBody, type AdminDeps } from "./admin-api.ts";
import { field, readForm, type AdminFormHelpers } from "./admin-form.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function registerNotifyForms(pages: Hono<any>, deps: AdminDeps, { done, orError }: AdminFormHelpers) {
  const { store } = deps;
  pages.post("/channels", async (c) => {
    const form = await readForm(c);
    const attempt = async () => {
      const id = field(form, "id");
      const existing = (await store.listChannels()).find((ch) => ch.id === id) ?? null;
      const channel = parseChannelBody(
        id,
        { ...settingsJson(field(form, "settings")), type: field(form, "type") },
        existing,
      );
      deps.channelFor(channel); // builds it as the dispatcher would, so a bad one is refused now
      await store.upsertChannel(channel);
      if (existing?.disabledReason) await store.setChannelDisabled(id, null);
      return done(c, "channel-saved", id);
    };
    return orError(c, deps, attempt, "could not save the channel");
  });
  pages.post("/channels/:id/remove", async (c) => {
    const id = c.req.param("id");
    const attempt = async () => {
      if (!(await store.removeChannel(id))) throw new PingoruError("not_found", `no channel "${id}"`);
      return done(c, "channel-removed", id);
    };
    return orError(c, deps, attempt, "could not remove the channel");
  });
  pages.post("/subscriptions", async (c) => {
    const form = await readForm(c);
    const attempt = async () => {
      const subscription = parseSubscriptionInput({
        id: field(form, "id") || undefined,
        channel: field(form, "channel"),
        vendors: list(field(form, "vendors")),
        events: list(field(form, "events")),
        min_impact: field(form, "min_impact") || undefined,
      });
      if (!(await store.listChannels()).some((ch) => ch.id === subscription.channel))
        throw new PingoruError("input", `no channel "${subscription.channel}"`);
      await store.upsertSubscription(subscription);
      return done(c, "subscription-saved", subscription.id);
    };
    return orError(c, deps, attempt, "could not save the subscription");
  });
  pages.post("/subscriptions/:id/remove", async (c) => {
    const id = c.req.param("id");
    const attempt = async () => {
      if (!(await store.removeSubscription(id)))
        throw new PingoruError("not_found", `no subscription "${id}"`);
      return done(c, "subscription-removed", id);
    };
    return orError(c, deps, attempt, "could not remove the subscription");
  });
}

function settingsJson(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PingoruError("input", "the settings must be a JSON object");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new PingoruError("input", "the settings must be a JSON object");
  return value as Record<string, unknown>;
}

/** Comma-separated → list; empty → undefined (the default). */
function list(text: string): string[] | undefined {
  const items = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length === 0 ? undefined : items;
}
