// The last line of defence: an exception nothing caught, or a promise rejected with nobody
// waiting on it, is logged and the process goes on serving. Node's default is to exit,
// which turns one bad request into an outage for every workspace; every known path that
// could do this is closed where it starts (request-guard.ts for Slack's requests), and this
// catches the unknown ones so that they show in the log instead of in a restart loop.

type ProcessEvents = Pick<NodeJS.Process, "on" | "off">;

/** Where the guards report: the process's logger, or anything with its error(). */
export interface ErrorLog {
  error(fields: Record<string, unknown>, message: string): void;
}

/** Installs the guards; returns a function that removes them. */
export function guardProcess(target: ProcessEvents, logger: ErrorLog): () => void {
  const onException = (error: unknown, origin: string) => {
    logger.error({ err: error, origin }, "uncaught exception; still serving");
  };
  const onRejection = (reason: unknown) => {
    logger.error({ err: reason }, "unhandled promise rejection; still serving");
  };
  target.on("uncaughtException", onException);
  target.on("unhandledRejection", onRejection);
  return () => {
    target.off("uncaughtException", onException);
    target.off("unhandledRejection", onRejection);
  };
}
