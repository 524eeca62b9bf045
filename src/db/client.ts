import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../generated/prisma/client";

export type Db = PrismaClient;
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
  const poolConfig = { connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: 10_000 };
  const adapter = onQuery
    ? new PrismaPg(countedPool(poolConfig, onQuery), { disposeExternalPool: true })
    : new PrismaPg(poolConfig);
  // A transaction may wait a while for a connection in a burst rather than fail.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
}

/** A pool whose connections tell `onQuery` of each statement before sending it. */
function countedPool(config: pg.PoolConfig, onQuery: (sql: string) => void): pg.Pool {
  const pool = new pg.Pool(config);
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      const [first] = args;
      onQuery(typeof first === "string" ? first : String((first as { text?: string }).text ?? ""));
      return query(...args);
    }) as typeof client.query;
  });
  return pool;
}
