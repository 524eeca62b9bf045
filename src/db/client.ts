import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

export type Db = PrismaClient;
export { Prisma } from "../generated/prisma/client";

export interface DbOptions {
  databaseUrl: string;
  /** Connections in this process's pool; web and worker each have their own. */
  poolSize?: number;
}

export function createDb({ databaseUrl, poolSize = 10 }: DbOptions): Db {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize });
  return new PrismaClient({ adapter });
}
