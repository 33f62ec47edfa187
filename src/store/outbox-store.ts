// The outbox: deliveries (written by savePoll with their events), leased, finished, listed, counted.
import type { Iso } from "../domain/model.ts";
import type { Delivery, DeliveryStatus } from "../domain/notification.ts";
import type { Page } from "./page.ts";

export interface OutboxStore {
  /** Atomically leases pending deliveries due at `now`, oldest first, moving next_attempt_at to leaseUntil. */
  /** `worker` is recorded as the lease's holder until the attempt is recorded (see LeaseStore). */
  claimDueDeliveries(now: Iso, leaseUntil: Iso, limit: number, worker?: string): Promise<Delivery[]>;
  finishDelivery(id: string, outcome: DeliveryOutcome): Promise<void>;
  /**
   * Keeps the message (JSON) a delivery's first attempt sends, so every later attempt — a retry, a resend
   * after a crash — sends the same body under the same id. Stores `message` unless one is kept already;
   * returns the kept one. Null for a delivery no longer stored. Dropped once the delivery is finished
   * (any status but pending): nothing will send it again.
   */
  keepMessage(id: string, message: string): Promise<string | null>;
  /** The message kept by keepMessage; null before the first attempt. */
  keptMessage(id: string): Promise<string | null>;
  listDeliveries(query: DeliveryQuery): Promise<Page<Delivery>>; // newest first
  /** How many deliveries are in each status (every status present, zero included). */
  countDeliveries(): Promise<Record<DeliveryStatus, number>>;
  /** When the earliest pending delivery falls due (a lease's end counts); null when none is pending. Cheap. */
  nextDeliveryDueAt(): Promise<Iso | null>;
}

export interface DeliveryQuery {
  limit: number;
  before?: string | null;
  subscription?: string | null;
  status?: DeliveryStatus | null;
}

/** How one attempt ended; the dispatcher decides, the store records. */
export interface DeliveryOutcome {
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Iso;
  deliveredAt: Iso | null;
  lastError: string | null;
}
