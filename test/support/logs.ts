import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../src/logger";
import type { LogLevel } from "../../src/config";

export interface CapturedLogs {
  logger: Logger;
  lines: string[];
  /** Parsed JSON records. */
  records(): Array<Record<string, unknown>>;
  text(): string;
}

/** A real pino logger writing into memory, so tests can read what was logged. */
export function captureLogs(level: LogLevel = "debug", secrets: readonly string[] = []): CapturedLogs {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString("utf8").split("\n")) if (line) lines.push(line);
      callback();
    },
  });
  const logger = createLogger({ level, secrets, destination });
  return {
    logger,
    lines,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => lines.join("\n"),
  };
}
