import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "../generated/prisma/client";

/**
 * A prepared statement, for the busiest statements (a list of actions, a board by code, the
 * one write that logs an action): PostgreSQL plans it once per connection and reuses the plan,
 * and no query is built in JavaScript. Everything else goes through Prisma.
 */
export interface PreparedReads {
  /** Rows of `query` (written with Prisma.sql), as pg reads them: timestamps as Dates, jsonb parsed, bigint as strings; errors as pg's DatabaseError. */
  rows<Row>(query: Prisma.Sql): Promise<Row[]>;
}

export type Db = PrismaClient & { readonly prepared: PreparedReads };
export { Prisma } from "../generated/prisma/client";

export interface DbOptions {
  databaseUrl: string;
  /** Connections in this process's pool; web and worker each have their own. */
  poolSize?: number;
  /**
   * Told of every statement sent to PostgreSQL, BEGIN and COMMIT included (tests count
   * them). Prisma's own query log leaves out BEGIN, so this listens on pg's connections.
   */
  onQuery?: (sql: string) => void;
}

export const DB_POOL_SIZE = 10;

export function createDb({ databaseUrl, poolSize = DB_POOL_SIZE, onQuery }: DbOptions): Db {
  // pg waits for a free connection forever by default; a stuck pool should fail loudly instead.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: 10_000 });
  if (onQuery) countQueries(pool, onQuery);
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  // A transaction may wait a while for a connection in a burst rather than fail.
  const client = new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
  return Object.assign(client, { prepared: preparedReads(pool) });
}

function preparedReads(pool: pg.Pool): PreparedReads {
  return {
    async rows<Row>(query: Prisma.Sql) {
      // Named by its text: the same text is one statement, prepared once on each connection.
      const name = `mb_${createHash("sha1").update(query.text).digest("hex").slice(0, 20)}`;
      const result = await pool.query({ name, text: query.text, values: query.values });
      return result.rows as Row[];
    },
  };
}

/** Tells `onQuery` of each statement a connection of the pool sends. */
function countQueries(pool: pg.Pool, onQuery: (sql: string) => void): void {
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      const [first] = args;
      onQuery(typeof first === "string" ? first : String((first as { text?: string }).text ?? ""));
      return query(...args);
    }) as typeof client.query;
  });
}
