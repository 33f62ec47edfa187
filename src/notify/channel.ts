// The one interface every notification channel implements (one file each under notify/channels/).
import type { ChannelConfig, Notification } from "../domain/notification.ts";

export interface SendContext {
  /** Aborts a send that takes too long. */
  signal: AbortSignal;
  now: () => Date;
}

export interface Channel {
  readonly id: string;
  /** Its definition's type word (notify/registry.ts). */
  readonly type: string;
  /**
   * Sends one notification. Resolves when the receiver accepted it; throws a DeliveryError otherwise.
   * Never puts a secret into an error message or a log.
   */
  send(notification: Notification, ctx: SendContext): Promise<void>;
  /**
   * Releases what the channel keeps open between sends (the HTTP channels' connection pool). Whoever
   * built the channel calls it once, when the channel is replaced (its config changed) or dropped, or
   * the process stops; sends under way finish first, a send after it fails. A channel that keeps
   * nothing open (email dials SMTP per message) has none.
   */
  close?(): Promise<void>;
}

export interface ChannelOptions {
  /** Let channels dial loopback/private addresses (PINGORU_ALLOW_PRIVATE_TARGETS); metadata stays blocked. */
  allowPrivateTargets: boolean;
}

/** Builds a channel from its stored config; throws PingoruError "input" (naming the channel, never a secret). */
export type ChannelFactory = (config: ChannelConfig, options: ChannelOptions) => Channel;

export class DeliveryError extends Error {
  /** Try again later (network error, timeout, 5xx, 429). */
  readonly retryable: boolean;
  /** The receiver asked us to wait this long (Retry-After). */
  readonly retryAfterSeconds: number | undefined;
  /** The receiver says the destination is gone for good (410): disable the channel. */
  readonly gone: boolean;

  constructor(
    message: string,
    init: { retryable: boolean; retryAfterSeconds?: number | undefined; gone?: boolean; cause?: unknown },
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "DeliveryError";
    this.retryable = init.retryable;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.gone = init.gone ?? false;
  }
}
