// Admin pages: the channel and subscription forms, over the admin API's own parsing and validation.
// A channel's form has a field per setting of its kind (no JSON); "send test" redirects back to the
// admin page with the outcome in the query, shown beside the channel, so it works without a script.
import type { Hono } from "hono";
import { describeError, isPingoruError, PingoruError } from "../lib/errors.ts";
import {
  channelFields,
  redactChannelSettings,
  settingsFromFields,
  type ChannelField,
  type TypedValue,
  unknownChannelType,
} from "../notify/channel-settings.ts";
import { channelDefinition } from "../notify/registry.ts";
import { parseSubscriptionInput } from "./subscription-input.ts";
import { findChannel, testChannel, type AdminDeps } from "./admin-api.ts";
import { parseChannelBody } from "./channel-input.ts";
import { field, fields, readForm, type AdminFormHelpers, type Form } from "./admin-form.ts";
import { failureStatus } from "./admin-vendors.ts";
import { channelPage } from "./ui/admin-channel-page.ts";
import type { ChannelTestResult } from "./ui/admin-view.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function registerNotifyForms(pages: Hono<any>, deps: AdminDeps, { done, orError }: AdminFormHelpers) {
  const { store } = deps;
  pages.get("/channels/:id", async (c) => {
    const attempt = async () => {
      const channel = await findChannel(store, c.req.param("id"));
      const definition = channelDefinition(channel.type);
      if (definition === undefined) throw new PingoruError("input", `channel ${channel.id}: unknown type`);
      const stored = redactChannelSettings(channel.type, channel.config);
      return c.html(channelPage(c.get("csrf"), definition, { id: channel.id, values: stored, stored }, null));
    };
    return orError(c, deps, attempt, "could not edit the channel");
  });
  pages.post("/channels", async (c) => {
    const form = await readForm(c);
    const [id, type] = [field(form, "id"), field(form, "type")];
    const definition = channelDefinition(type);
    if (definition === undefined)
      return orError(c, deps, () => Promise.reject(unknownChannelType(type)), SAVE);
    const existing = (await store.listChannels()).find((ch) => ch.id === id) ?? null;
    const stored = existing?.type === type ? redactChannelSettings(type, existing.config) : null;
    const settingFields = channelFields(definition);
    const typed = settingsFromFields(settingFields, (f) => formValue(form, f));
    const forget = new Set(fields(form, "forget"));
    try {
      if (existing !== null && field(form, "editing") !== "1")
        throw new PingoruError("conflict", `channel "${id}" already exists: edit it, or choose another id`);
      // A blank secret field keeps the stored secret ("<secret>", as the admin API takes it), unless
      // its "forget" box is checked.
      const keep = (f: ChannelField) =>
        f.secret && stored !== null && formValue(form, f) === undefined && !forget.has(f.name);
      const settings = settingsFromFields(settingFields, (f) => (keep(f) ? "<secret>" : formValue(form, f)));
      const channel = parseChannelBody(id, { ...settings, type }, existing);
      deps.channelFor(channel); // builds it as the dispatcher would, so a bad one is refused now
      await store.upsertChannel(channel);
      if (existing?.disabledReason) await store.setChannelDisabled(id, null);
      return done(c, "channel-saved", id);
    } catch (error) {
      if (!isPingoruError(error)) throw error;
      const page = channelPage(c.get("csrf"), definition, { id, values: typed, stored }, saveError(error));
      return c.html(page, failureStatus(error));
    }
  });
  pages.post("/channels/:id/test", async (c) => {
    const attempt = async () => {
      const channel = await findChannel(store, c.req.param("id"));
      const outcome = await testChannel(deps, channel);
      const result = outcome.ok
        ? `ms=${outcome.ms}`
        : `failed=${encodeURIComponent(outcome.error.toWellFormed())}`;
      const id = encodeURIComponent(channel.id);
      return c.redirect(`/admin?tested=${id}&${result}#channel-${id}`, 303);
    };
    return orError(c, deps, attempt, "could not test the channel");
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
        remind_before_minutes: minutes(field(form, "remind_before_minutes")),
        notify_during_maintenance: field(form, "notify_during_maintenance") === "on" || undefined,
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

const SAVE = "could not save the channel";
const saveError = (error: unknown) => `${SAVE}: ${describeError(error)}`;

/** A field as the form sent it: undefined when blank; a checkbox's "on"; a list's every value. */
function formValue(form: Form, f: ChannelField): TypedValue {
  const values = fields(form, f.name);
  return f.kind === "list" ? (values.length === 0 ? undefined : values) : values[0];
}

/** "?tested=ID&ms=N" or "?tested=ID&failed=why" (the redirect after "send test"), as shown beside it. */
export function testedFrom(query: (name: string) => string | undefined): ChannelTestResult | null {
  const channel = query("tested");
  if (channel === undefined) return null;
  const failed = query("failed");
  if (failed !== undefined) return { channel, ok: false, detail: `Test failed: ${failed}` };
  return { channel, ok: true, detail: `Test sent: ${channel} accepted it in ${query("ms") ?? "?"} ms.` };
}

/** Comma-separated → list; empty → undefined (the default). */
function list(text: string): string[] | undefined {
  const items = text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length === 0 ? undefined : items;
}

/** A whole number of minutes as typed; anything else goes to the schema as is (its error names it). */
function minutes(text: string): number | string | undefined {
  if (text.trim() === "") return undefined;
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : text;
}
