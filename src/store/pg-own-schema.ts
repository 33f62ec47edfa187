// Kysely's PostgreSQL introspector reads the tables of every schema in the database and looks each
// schema up by name: one dropped by another client meanwhile fails it ("schema … does not exist",
// 3F000), and on a shared database it reads far more than Pingoru's own tables. Its one user here is
// the migrator, asking which tables exist: this dialect answers for the connection's schema alone.
import {
  PostgresDialect,
  sql,
  type DatabaseIntrospector,
  type DatabaseMetadataOptions,
  type Driver,
  type Kysely,
  type PostgresDialectConfig,
  type TableMetadata,
} from "kysely";
import { DEFAULT_MIGRATION_LOCK_TABLE, DEFAULT_MIGRATION_TABLE } from "kysely/migration";
import { TypedErrorPostgresDriver } from "./pg-unreachable.ts";

const KYSELY_TABLES: ReadonlySet<string> = new Set([DEFAULT_MIGRATION_TABLE, DEFAULT_MIGRATION_LOCK_TABLE]);

export class OwnSchemaPostgresDialect extends PostgresDialect {
  readonly #config: PostgresDialectConfig;
  constructor(config: PostgresDialectConfig) {
    super(config);
    this.#config = config;
  }

  /** Its connection errors are typed (pg-unreachable.ts). */
  override createDriver(): Driver {
    return new TypedErrorPostgresDriver(this.#config);
  }

  override createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return {
      async getSchemas() {
        const { rows } = await sql<{
          name: string;
        }>`select nspname as name from pg_catalog.pg_namespace`.execute(db);
        return rows;
      },
      async getTables(options?: DatabaseMetadataOptions): Promise<TableMetadata[]> {
        const { rows } = await sql<{ name: string; schema: string; kind: string }>`
          select c.relname as name, ns.nspname as schema, c.relkind as kind
          from pg_catalog.pg_class c join pg_catalog.pg_namespace ns on ns.oid = c.relnamespace
          where ns.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'f')
          order by c.relname`.execute(db);
        return rows
          .filter((row) => options?.withInternalKyselyTables || !KYSELY_TABLES.has(row.name))
          .map((row) => ({
            name: row.name,
            schema: row.schema,
            isView: row.kind === "v",
            isForeign: row.kind === "f",
            columns: [], // the migrator asks only which tables exist
          }));
      },
    };
  }
}
