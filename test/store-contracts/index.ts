// The store's contract suites, one per part. Every backend (SQLite file, SQLite :memory:, PostgreSQL)
// runs every suite: each suite asks for its part (plus the few methods its setup uses); a full Store is all of them.
import type { Store } from "../../src/store/store.ts";
import { calendarStoreContract } from "./calendar.ts";
import { channelStoreContract } from "./channels.ts";
import { eventStoreContract } from "./events.ts";
import { feedStoreContract } from "./feed.ts";
import { hintStoreContract } from "./hints.ts";
import { outboxStoreContract } from "./outbox.ts";
import { recordStoreContract } from "./record.ts";
import { leaseStoreContract } from "./leases.ts";
import { retentionStoreContract } from "./retention.ts";
import { revisionStoreContract } from "./revisions.ts";
import { searchStoreContract } from "./search.ts";
import { slaStoreContract } from "./sla.ts";
import { statsStoreContract } from "./stats.ts";
import { sourceGuardsContract } from "./source-guards.ts";
import { vendorStoreContract } from "./vendors.ts";

export type StoreContract = (name: string, open: () => Promise<Store>) => void;

export const STORE_CONTRACTS: readonly StoreContract[] = [
  vendorStoreContract,
  recordStoreContract,
  eventStoreContract,
  outboxStoreContract,
  channelStoreContract,
  feedStoreContract,
  retentionStoreContract,
  leaseStoreContract,
  searchStoreContract,
  sourceGuardsContract,
  hintStoreContract,
  revisionStoreContract,
  calendarStoreContract,
  slaStoreContract,
  statsStoreContract,
];
