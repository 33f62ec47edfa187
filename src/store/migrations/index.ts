// Applies the migrations in order on open. Listed here explicitly (no directory scan): the set is
// part of the code, and a file added by mistake never runs.
import type { Kysely } from "kysely";
import { Migrator, type Migration, type MigrationProvider } from "kysely/migration";
import type { SqlDialectName } from "../schema.ts";
import { initialMigration } from "./0001-initial.ts";
import { notificationsMigration } from "./0002-notifications.ts";
import { vendorPauseMigration } from "./0003-vendor-pause.ts";
import { updateTimeIndexMigration } from "./0004-update-time-index.ts";
import { vendorCategoryMigration } from "./0005-vendor-category.ts";
import { vendorPlatformOptionsMigration } from "./0006-vendor-platform-options.ts";
import { vendorSourceGuardsMigration } from "./0007-vendor-source-guards.ts";
import { leaseHoldersMigration } from "./0008-lease-holders.ts";
import { postmortemsMigration } from "./0009-postmortems.ts";
import { revisionsMigration } from "./0010-revisions.ts";
import { listedComponentsMigration } from "./0011-listed-components.ts";
import { calendarRevisionsMigration } from "./0012-calendar-revisions.ts";
import { pushHintsMigration } from "./0013-push-hints.ts";
import { maintenanceOptionsMigration } from "./0014-maintenance-options.ts";
import { partialOutageWeightMigration } from "./0015-partial-outage-weight.ts";
import { slaTargetsMigration } from "./0016-sla-targets.ts";
import { incidentIndexesMigration } from "./0017-incident-indexes.ts";
import { incidentSearchMigration } from "./0018-incident-search.ts";
import { componentChangeIndexMigration } from "./0019-component-change-index.ts";
import { deliveryMessagesMigration } from "./0020-delivery-messages.ts";
import { vendorPollerMigration } from "./0021-vendor-poller.ts";

function migrationsFor(dialect: SqlDialectName): Record<string, Migration> {
  return {
    "0001-initial": initialMigration(dialect),
    "0002-notifications": notificationsMigration(dialect),
    "0003-vendor-pause": vendorPauseMigration(),
    "0004-update-time-index": updateTimeIndexMigration(),
    "0005-vendor-category": vendorCategoryMigration(),
    "0006-vendor-platform-options": vendorPlatformOptionsMigration(),
    "0007-vendor-source-guards": vendorSourceGuardsMigration(),
    "0008-lease-holders": leaseHoldersMigration(),
    "0009-postmortems": postmortemsMigration(),
    "0010-revisions": revisionsMigration(dialect),
    "0011-listed-components": listedComponentsMigration(),
    "0012-calendar-revisions": calendarRevisionsMigration(),
    "0013-push-hints": pushHintsMigration(),
    "0014-maintenance-options": maintenanceOptionsMigration(),
    "0015-partial-outage-weight": partialOutageWeightMigration(),
    "0016-sla-targets": slaTargetsMigration(),
    "0017-incident-indexes": incidentIndexesMigration(),
    "0018-incident-search": incidentSearchMigration(dialect),
    "0019-component-change-index": componentChangeIndexMigration(),
    "0020-delivery-messages": deliveryMessagesMigration(),
    "0021-vendor-poller": vendorPollerMigration(),
  };
}

/** Brings the schema up to date; safe to run on every open and from several processes at once. */
export async function migrateToLatest(
  db: Kysely<unknown>,
  dialect: SqlDialectName,
  schema?: string,
): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(dialect) };
  // Kysely looks for its own tables in every schema unless told which one: name ours explicitly.
  // Unordered: each migration stands alone, and a database that ran a later-numbered one first (a
  // development build) must still take the others.
  const migrator = new Migrator({
    db,
    provider,
    migrationTableSchema: schema,
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    const which = failed === undefined ? "" : ` ${failed}`;
    throw new Error(`database migration${which} failed: ${String(error)}`, { cause: error });
  }
}
