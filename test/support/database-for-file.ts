// For jest test files only (it registers hooks); the benchmarks share database.ts without it.
import { createDb, type Db } from "../../src/db/client";
import { createTestDatabase, type TestDatabase } from "./database";

/**
 * A database of the test file's own with a client on it, made before the file's tests and
 * dropped after them. Call at the top of a describe; read `db()` inside the tests.
 */
export function databaseForFile({ poolSize = 2 }: { poolSize?: number } = {}): {
  db: () => Db;
  database: () => TestDatabase;
} {
  let database: TestDatabase | undefined;
  let client: Db | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    client = createDb({ databaseUrl: database.url, poolSize });
  });
  afterAll(async () => {
    await client?.$disconnect();
    await database?.drop();
  });
  const made = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("databaseForFile: used outside a test");
    return value;
  };
  return { db: () => made(client), database: () => made(database) };
}
