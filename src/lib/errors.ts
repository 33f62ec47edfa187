// Typed errors: every failure says what kind it is, where, and whether trying again may help.

export const ERROR_KINDS = [
  "network", // connection refused, reset, DNS
  "timeout", // connect or total time exceeded, or a server that trickles bytes
  "http", // non-2xx status
  "too_large", // body over the cap
  "redirect", // too many redirects or a bad Location
  "blocked", // SSRF guard refused the address
  "parse", // body is not the JSON / XML it should be
  "shape", // well-formed but not the platform's shape
  "detect", // no platform fits the URL
  "input", // bad user input (URL, option, config)
  "not_found", // a vendor, incident or file that does not exist
  "conflict", // e.g. a slug already taken
  "database", // the store cannot be reached or written now (PostgreSQL down, SQLite locked or full)
  "busy", // too much of some costly work is waiting already; retry after a while
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface PingoruErrorInit {
  url?: string;
  status?: number;
  retryable?: boolean;
  /** Seconds the server asked us to wait (Retry-After). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class PingoruError extends Error {
  readonly kind: ErrorKind;
  readonly url: string | undefined;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterSeconds: number | undefined;

  constructor(kind: ErrorKind, message: string, init: PingoruErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "PingoruError";
    this.kind = kind;
    this.url = init.url;
    this.status = init.status;
    this.retryable = init.retryable ?? defaultRetryable(kind, init.status);
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

function defaultRetryable(kind: ErrorKind, status: number | undefined): boolean {
  if (kind === "network" || kind === "timeout" || kind === "database" || kind === "busy") return true;
  if (kind === "http") return status === undefined || status >= 500 || status === 429 || status === 408;
  return false;
}

export function isPingoruError(error: unknown): error is PingoruError {
  return error instanceof PingoruError;
}

/** One line for a user: the message, without a stack. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split("\n")[0] ?? "error";
  return String(error);
}
