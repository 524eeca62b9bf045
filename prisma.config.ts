// Prisma CLI configuration. The JS engine with the pg adapter lets `prisma generate`
// and `prisma migrate diff` run without downloading a native schema engine.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The schema reads env("DATABASE_URL"); the CLI needs a value even for `generate`,
// which never connects, so the app's default stands in when none is set.
process.env.DATABASE_URL ??= "postgresql://127.0.0.1:5432/minutebook";
const databaseUrl = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  // `prisma db seed` runs the same loader as `npm run seed` (built to dist/ first).
  migrations: { path: path.join("prisma", "migrations"), seed: "npm run --silent seed" },
  async adapter() {
    return new PrismaPg({ connectionString: databaseUrl });
  },
});
