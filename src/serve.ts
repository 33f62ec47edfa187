// The serve process, wired on a runtime (main.ts): web server, poller and notifier in one process,
// and the config file's vendors, channels and subscriptions synced on start and on SIGHUP.
import { hostname } from "node:os";
import { loadSettings } from "./config/load.ts";
import type { Settings } from "./config/schema.ts";
import { createConfigVendors } from "./config-vendors.ts";
import { describeError, isPingoruError } from "./lib/errors.ts";
import { openFilesLimit } from "./lib/open-files.ts";
import { createOutage, type Outage } from "./lib/outage.ts";
import { goneOnThisHost, newWorkerId } from "./lib/worker-identity.ts";
import { createWebApp } from "./admin/web-app.ts";
import { createMetricsRegistry } from "./lib/metrics.ts";
import { startHttpServer } from "./http/server.ts";
import type { Channel } from "./notify/channel.ts";
import { createChannel } from "./notify/channels/index.ts";
import { createDispatcher, type Dispatcher } from "./notify/dispatcher.ts";
import type { ChannelConfig } from "./domain/notification.ts";
import { syncNotifyConfig } from "./admin/sync-config.ts";
import { addVendor } from "./poller/add-vendor.ts";
import { recordPoll } from "./poller/poll-vendor.ts";
import { readVendorPage } from "./poller/read-page.ts";
import { previewVendor } from "./poller/preview.ts";
import { createLateness } from "./poller/lateness.ts";
import { createQuietPollWriter } from "./poller/quiet-polls.ts";
import { createScheduler } from "./poller/scheduler.ts";
import { changesUptime, createSlaWatch, type SlaWatch } from "./poller/sla-watch.ts";
import { loadUptimeInput } from "./http/uptime-load.ts";
import { createPollMetrics, measurePoll } from "./poller/poll-metrics.ts";
import { createPruner, type Pruner } from "./store/pruner.ts";
import type { Runtime } from "./main.ts";

/** Writes the config file's channels and subscriptions to the store; a bad entry is logged, not fatal. */
export async function syncConfigNotify(runtime: Runtime, from: Pick<Settings, "channels" | "subscriptions">) {
  try {
    const synced = await syncNotifyConfig(runtime.store, from);
    if (synced.channels + synced.subscriptions > 0) runtime.log.info(synced, "notifications from config");
  } catch (error) {
    runtime.log.error({ error: describeError(error) }, "config notifications not synced");
  }
}

export interface Server {
  url: string;
  /** Re-reads the config file and adds or updates its vendors, channels and subscriptions (SIGHUP). */
  reload(): Promise<void>;
  /**
   * Settles when the config file's vendors from start-up are all added (or failed): they are
   * detected in the background while the server already listens.
   */
  configVendorsSynced: Promise<void>;
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** How often the poller claims the vendors coming due (default 500 ms). */
  tickMs?: number;
  /** How often the idle dispatcher peeks for deliveries written by another process (default 1 s). */
  dispatchTickMs?: number;
  /** How long a claimed vendor is leased (default 30 s); short in tests of a killed worker. */
  pollLeaseSeconds?: number;
  /** How long without a database error before its outage is logged as over (default 60 s). */
  outageSettleMs?: number;
}

// Polls in flight at once: each holds a socket and a response of at most a few MB, so a few hundred
// fit a small machine while keeping thousands of vendors on a 30 s interval (bench/RESULTS.md).
const POLLS_IN_FLIGHT = 256;
// Per origin (a vendor's host): one slow or rate-limiting host cannot take more than this.
const POLLS_PER_ORIGIN = 4;
// A claimed vendor is leased this long past the claim's look-ahead: past the HTTP client's 15 s
// timeout for the summary and the write after it, so no other worker takes a vendor whose poll is
// still running (a page that hangs twice in one read may be polled twice: its writes are idempotent),
// and short, because a killed worker's vendors, claimed just ahead of their due time, wait it out.
const POLL_LEASE_SECONDS = 30;
// A claimed delivery is leased for this long: past the channels' 10 s send timeout with room to record
// the outcome, short enough that a crashed process's in-flight message is retried soon after a restart.
const DELIVERY_LEASE_SECONDS = 20;
// A poll in this process wakes the dispatcher at once, and a retry wakes it when due (its time is
// known). Deliveries written by another process (`pingoru poll`, another worker) are found by a cheap
// peek at the earliest due time on this tick; nothing is claimed while nothing is due.
const DISPATCH_TICK_MS = 1000;
// Files serve needs besides one connection per vendor host: the database, pages' clients, channels.
const OPEN_FILES_HEADROOM = 1000;
// A database outage is over once this long has passed without its error: longer than a poll lease, so
// a poll that fails again on each retry (a full disk takes the claims, not the poll's new rows) keeps
// the outage open rather than logging one per retry.
const OUTAGE_SETTLE_MS = 60_000;

/** Web, poller and notifier in one process. */
export async function serve(runtime: Runtime, options: ServeOptions = {}): Promise<Server> {
  const { settings, store, log } = runtime;
  const deps = await runtime.pollDeps();
  const configVendors = createConfigVendors(runtime);
  await syncConfigNotify(runtime, settings);
  await warnIfFewOpenFiles(runtime);
  const worker = newWorkerId();
  await takeBackLeases(runtime, worker, deps.now());
  const channelFor = (config: ChannelConfig): Channel =>
    createChannel(config, { allowPrivateTargets: settings.allowPrivateTargets });
  const metrics = createMetricsRegistry();
  const pollMetrics = createPollMetrics(metrics);
  const database = databaseOutage(runtime, deps.now, options.outageSettleMs ?? OUTAGE_SETTLE_MS);
  const quietPolls = createQuietPollWriter(store, {
    onError: (error, polls) => {
      if (!database.failed(error))
        log.error({ polls, error: describeError(error) }, "quiet polls not recorded");
    },
  });
  const pollDeps = { ...deps, quietPolls };
  const lateness = createLateness({
    onBehind: (health) => log.warn(health, "poller behind schedule"),
    onStart: (delaySeconds) => pollMetrics.started(delaySeconds),
  });
  const scheduler = createScheduler({
    // A claim is a write, every tick: the one that works again ends a database outage.
    store: {
      claimDueVendors: async (...args) => {
        const claimed = await store.claimDueVendors(...args);
        database.succeeded();
        return claimed;
      },
      moveClaims: (claims) => store.moveClaims(claims),
      rescheduleAfterClockStep: (now, polledAfter) => store.rescheduleAfterClockStep(now, polledAfter),
    },
    worker,
    poll: async (vendor) => {
      const outcome = await measurePoll(
        pollMetrics,
        vendor.slug,
        () => readVendorPage(vendor, pollDeps),
        (read) => recordPoll(vendor, read, pollDeps),
      );
      // The poll wrote deliveries with its events: send them now rather than at the next tick.
      if (outcome.deliveries > 0) dispatcher.wake();
      // A change in the record (or the baseline) may have used up an SLA's allowance.
      if (outcome.ok && (vendor.baselineAt === null || changesUptime(outcome.events)))
        slaWatch.changed(vendor.slug);
      if (outcome.ok) log.debug({ vendor: vendor.slug, events: outcome.events.length }, "polled");
      else log.warn({ vendor: vendor.slug, error: outcome.error }, "poll failed");
    },
    now: deps.now,
    concurrency: POLLS_IN_FLIGHT,
    perOrigin: POLLS_PER_ORIGIN,
    tickMs: options.tickMs ?? 500,
    leaseSeconds: options.pollLeaseSeconds ?? POLL_LEASE_SECONDS,
    lateness,
    onClockStep: (seconds, rescheduled) =>
      log.warn({ seconds, rescheduled }, "the clock went back: vendors polled since are due now"),
    onError: (error, vendor) => {
      if (database.failed(error)) return;
      // A vendor removed while its poll was in flight: the poll's write finds no vendor and is dropped.
      if (vendor && isPingoruError(error) && error.kind === "not_found")
        log.info({ vendor: vendor.slug }, "vendor removed during its poll; the poll is dropped");
      else log.error({ vendor: vendor?.slug, error: describeError(error) }, "poll error");
    },
  });
  const app = createWebApp({
    store,
    now: deps.now,
    pollIntervalSeconds: settings.pollIntervalSeconds,
    publicUrl: settings.publicUrl,
    readToken: settings.readToken,
    metrics,
    health: () => ({
      poller: scheduler.health(),
      pendingVendors: configVendors.pending(),
      databaseUnavailableSince: database.since(),
    }),
    onHint: () => scheduler.wake(),
    admin: {
      adminToken: settings.adminToken,
      channelFor,
      publicUrl: settings.publicUrl,
      addVendor: (input) => addVendor(input, deps),
      previewVendor: (input) => previewVendor(input, deps),
    },
  });
  const server = await startHttpServer(app, { port: settings.port, host: settings.host });
  // Links in notifications point at Pingoru's own pages: at the public URL, or else where it listens.
  const linksTo = settings.publicUrl ?? reachableUrl(server.url);
  if (settings.publicUrl === null)
    log.info(
      { links: linksTo },
      "notification links use the listen address; set PINGORU_PUBLIC_URL to change it",
    );
  const dispatcher = startDispatcher(
    runtime,
    database,
    worker,
    deps.now,
    channelFor,
    options.dispatchTickMs ?? DISPATCH_TICK_MS,
    linksTo,
  );
  const pruner = startPruner(runtime, database, deps.now);
  const slaWatch = startSlaWatch(runtime, database, deps.now, () => dispatcher.wake());
  scheduler.start();
  dispatcher.start();
  // Listening already: config vendors not yet stored are detected (and get their baseline) meanwhile.
  const configVendorsSynced = configVendors
    .sync(settings.vendors)
    .catch((error: unknown) => log.error({ error: describeError(error) }, "config vendors not synced"));
  if (settings.readToken === null)
    log.info("pages, API and feeds are public: set PINGORU_READ_TOKEN to require a token to read them");
  log.info({ url: server.url }, "pingoru serving");
  return {
    url: server.url,
    configVendorsSynced,
    async reload() {
      if (settings.configFile === null) return;
      try {
        const fresh = loadSettings({ config: settings.configFile }, process.env);
        await configVendors.sync(fresh.vendors);
        await syncConfigNotify(runtime, fresh);
      } catch (error) {
        log.error({ error: describeError(error) }, "config not reloaded");
      }
    },
    async stop() {
      await pruner?.stop();
      await scheduler.stop();
      await slaWatch.stop();
      await pollDeps.quietPolls.flush();
      await dispatcher.stop();
      await server.close();
    },
  };
}

/**
 * The database down, locked or full: every poll, delivery and tick meanwhile fails with the same typed
 * error. One line when it starts and one when it ends; the work waits (leases) and resumes by itself.
 */
function databaseOutage({ log }: Runtime, now: () => Date, settleMs: number): Outage {
  return createOutage({
    now,
    settleMs,
    belongs: (error) => isPingoruError(error) && error.kind === "database",
    onStart: (error) =>
      log.error({ error: describeError(error) }, "database unavailable: polls and deliveries wait for it"),
    onEnd: (failures) => log.info({ failures }, "database available again: polls and deliveries resume"),
  });
}

/** Prunes the delivery log and the change stream past the retention (none when it keeps everything). */
function startPruner({ settings, store, log }: Runtime, database: Outage, now: () => Date): Pruner | null {
  const days = settings.retentionDays;
  if (days === null) {
    log.info("retention: keeping every delivery and event (PINGORU_RETENTION_DAYS=forever)");
    return null;
  }
  log.info({ days }, "retention: pruning finished deliveries and unneeded events after this many days");
  const pruner = createPruner({
    store,
    retentionDays: days,
    now,
    onPruned: (counts) => log.info(counts, "pruned past retention"),
    onError: (error) => {
      if (!database.failed(error)) log.error({ error: describeError(error) }, "pruning failed");
    },
  });
  pruner.start();
  return pruner;
}

/** SLA breaches and claim reminders (poller/sla-watch.ts): checked on poll changes and once a minute. */
function startSlaWatch(
  { store, log, settings }: Runtime,
  database: Outage,
  now: () => Date,
  wakeDispatcher: () => void,
): SlaWatch {
  const watch = createSlaWatch({
    store,
    now,
    loadUptime: (vendor, from, to, at) => loadUptimeInput(store, vendor, from, to, at),
    claimRemindDays: settings.slaClaimRemindDays,
    onWritten: (events, deliveries) => {
      for (const event of events)
        log.info(
          { vendor: event.vendor, type: event.type, ...event.data, incident_ids: undefined },
          "SLA event",
        );
      if (deliveries > 0) wakeDispatcher();
    },
    onChecked: (vendor, next) => log.debug({ vendor, next_check_at: next }, "SLA checked"),
    onError: (error, vendor) => {
      if (!database.failed(error)) log.error({ vendor, error: describeError(error) }, "SLA check failed");
    },
  });
  watch.start();
  return watch;
}

/** Listening on every address (0.0.0.0, ::), the machine's name is what others can reach. */
function reachableUrl(listening: string): string {
  const url = new URL(listening);
  if (url.hostname === "0.0.0.0" || url.hostname === "[::]") url.hostname = hostname();
  return url.origin;
}

/** Each vendor's host keeps a connection between polls: a socket, so a file, per vendor. */
async function warnIfFewOpenFiles({ store, log }: Runtime): Promise<void> {
  const limit = openFilesLimit();
  const vendors = (await store.listVendors()).length;
  if (limit !== null && vendors + OPEN_FILES_HEADROOM > limit) {
    log.warn(
      { vendors, openFilesLimit: limit },
      "open-file limit too low for the vendors: raise it (ulimit -n) above the vendor count + 1,000",
    );
  }
}

/**
 * What a worker of this host held when it died (a crash, kill -9) is due again at once, rather than
 * when its leases run out: its vendors are polled and its interrupted messages sent again now.
 */
async function takeBackLeases({ store, log }: Runtime, worker: string, now: Date): Promise<void> {
  const gone = goneOnThisHost(await store.leaseHolders(), worker);
  if (gone.length === 0) return;
  const taken = await store.releaseLeases(gone, now.toISOString());
  log.info({ workers: gone, ...taken }, "took back the leases of a stopped worker");
}

function startDispatcher(
  runtime: Runtime,
  database: Outage,
  worker: string,
  now: () => Date,
  channelFor: (config: ChannelConfig) => Channel,
  tickMs: number,
  publicUrl: string,
): Dispatcher {
  const { log } = runtime;
  return createDispatcher({
    store: runtime.store,
    worker,
    channelFor,
    now,
    tickMs,
    concurrency: 8,
    leaseSeconds: DELIVERY_LEASE_SECONDS,
    publicUrl,
    onError: (error, delivery) => {
      if (!database.failed(error))
        log.error({ delivery: delivery?.id, error: describeError(error) }, "dispatch error");
    },
    onOutcome: (delivery, outcome) => {
      const fields = { delivery: delivery.id, channel: delivery.channel, attempts: outcome.attempts };
      if (outcome.status === "delivered" || outcome.status === "suppressed") log.info(fields, outcome.status);
      else log.warn({ ...fields, status: outcome.status, error: outcome.lastError }, "delivery not accepted");
    },
  });
}
