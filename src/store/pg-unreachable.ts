// PostgreSQL restarting, or the network to it failing, surfaces as pg's untyped connection errors from
// whichever query was running. The driver here turns those into one typed error, PingoruError kind
// "database" ("database unreachable: …"), so a poll or a delivery that met it fails as such, and serve
// can log the outage once instead of once per query.
import { PostgresDriver, type CompiledQuery, type DatabaseConnection, type QueryResult } from "kysely";
import { PingoruError } from "../lib/errors.ts";

// System errors of the socket (refused, reset, unreachable, name not resolved).
const SOCKET_CODES: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
// The server's: connection exceptions (class 08), and shutting down or starting up (57P01–57P03).
const SERVER_CODES = /^(08...|57P0[123])$/;
// pg's own, without a code: the socket closed under it, or the pool gave up waiting for a connection.
const CLIENT_MESSAGES = /Connection terminated|not queryable|timeout exceeded when trying to connect/i;

export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") return SOCKET_CODES.has(code) || SERVER_CODES.test(code);
  return CLIENT_MESSAGES.test(error.message);
}

function typed(error: unknown): unknown {
  if (!isConnectionError(error)) return error;
  return new PingoruError("database", `database unreachable: ${(error as Error).message}`, { cause: error });
}

export class TypedErrorPostgresDriver extends PostgresDriver {
  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection().catch((error: unknown) => {
      throw typed(error);
    });
    // Kysely hands this object back to the driver (release, rollback) by its private symbols: every
    // other member is the connection's own, bound to it.
    return new Proxy(connection, {
      get(target, property) {
        if (property === "executeQuery")
          return <R>(query: CompiledQuery): Promise<QueryResult<R>> =>
            target.executeQuery<R>(query).catch((error: unknown) => {
              throw typed(error);
            });
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === "function" ? (value as () => unknown).bind(target) : value;
      },
    });
  }
}
