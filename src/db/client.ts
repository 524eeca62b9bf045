import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

export type Db = PrismaClient;
export { Prisma } from "../generated/prisma/client";

export interface DbOptions {
  databaseUrl: string;
  /** Connections in this process's pool; web and worker each have their own. */
  poolSize?: number;
}

export const DB_POOL_SIZE = 10;

export function createDb({ databaseUrl, poolSize = DB_POOL_SIZE }: DbOptions): Db {
  // pg waits for a free connection forever by default; a stuck pool should fail loudly instead.
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize, connectionTimeoutMillis: 10_000 });
  // A transaction may wait a while for a connection in a burst rather than fail.
  return new PrismaClient({ adapter, transactionOptions: { maxWait: 10_000, timeout: 15_000 } });
}
