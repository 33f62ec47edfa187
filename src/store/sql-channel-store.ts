// The ChannelStore on Kysely: channels and subscriptions, small tables written by config sync, the
// CLI and the admin API.
import { sql, type Kysely } from "kysely";
import type { ChannelConfig, Subscription } from "../domain/notification.ts";
import { PingoruError } from "../lib/errors.ts";
import type { ChannelStore } from "./channel-store.ts";
import type { Database } from "./schema.ts";
import { fromChannel, fromSubscription, toChannel, toSubscription } from "./sql-notify-rows.ts";

export function sqlChannelStore(db: Kysely<Database>): ChannelStore {
  return {
    upsertChannel: (channel) => upsertChannel(db, channel),
    listChannels: () => listChannels(db),
    removeChannel: (id) => removeChannel(db, id),
    setChannelDisabled: (id, reason) => setChannelDisabled(db, id, reason),
    upsertSubscription: (subscription) => upsertSubscription(db, subscription),
    listSubscriptions: () => listSubscriptions(db),
    removeSubscription: (id) => removeSubscription(db, id),
  };
}

/**
 * Inserts or replaces a channel's type and settings. An existing channel keeps its disabled state
 * unless its type or settings changed: re-reading an unchanged config file on restart must not
 * re-enable a channel whose receiver said it is gone, while fixing its URL does.
 */
async function upsertChannel(db: Kysely<Database>, channel: ChannelConfig): Promise<void> {
  await db
    .insertInto("channels")
    .values(fromChannel(channel))
    .onConflict((oc) =>
      oc.column("id").doUpdateSet({
        type: (eb) => eb.ref("excluded.type"),
        config: (eb) => eb.ref("excluded.config"),
        disabled_reason: sql<
          string | null
        >`case when channels.type = excluded.type and channels.config = excluded.config
          then channels.disabled_reason else excluded.disabled_reason end`,
      }),
    )
    .execute();
}

async function listChannels(db: Kysely<Database>): Promise<ChannelConfig[]> {
  const rows = await db.selectFrom("channels").selectAll().orderBy("id").execute();
  return rows.map(toChannel);
}

/** Deletes the channel and its subscriptions (cascade); its pending deliveries are suppressed. */
async function removeChannel(db: Kysely<Database>, id: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom("channels").where("id", "=", id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await suppressPending(trx, "channel", id, "channel removed");
    return true;
  });
}

async function setChannelDisabled(db: Kysely<Database>, id: string, reason: string | null): Promise<void> {
  const result = await db
    .updateTable("channels")
    .set({ disabled_reason: reason })
    .where("id", "=", id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0)
    throw new PingoruError("not_found", `channel "${id}" does not exist`);
}

async function upsertSubscription(db: Kysely<Database>, subscription: Subscription): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const channel = await trx
      .selectFrom("channels")
      .select("id")
      .where("id", "=", subscription.channel)
      .executeTakeFirst();
    if (channel === undefined)
      throw new PingoruError("not_found", `channel "${subscription.channel}" does not exist`);
    const row = fromSubscription(subscription);
    await trx
      .insertInto("subscriptions")
      .values(row)
      .onConflict((oc) =>
        oc.column("id").doUpdateSet({
          channel: row.channel,
          vendors: row.vendors,
          components: row.components,
          min_impact: row.min_impact,
          events: row.events,
          remind_before_minutes: row.remind_before_minutes,
          notify_during_maintenance: row.notify_during_maintenance,
        }),
      )
      .execute();
  });
}

async function listSubscriptions(db: Kysely<Database>): Promise<Subscription[]> {
  const rows = await db.selectFrom("subscriptions").selectAll().orderBy("id").execute();
  return rows.map(toSubscription);
}

/** Deletes the subscription; its pending deliveries are suppressed (the log keeps them). */
async function removeSubscription(db: Kysely<Database>, id: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom("subscriptions").where("id", "=", id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) return false;
    await suppressPending(trx, "subscription", id, "subscription removed");
    return true;
  });
}

async function suppressPending(
  db: Kysely<Database>,
  column: "channel" | "subscription",
  id: string,
  reason: string,
): Promise<void> {
  await db
    .updateTable("deliveries")
    .set({ status: "suppressed", last_error: reason })
    .where(column, "=", id)
    .where("status", "=", "pending")
    .execute();
}
