// Entry point: `node dist/src/main.js [--role web|worker|all]`.
import { LocalConsole } from "./console/console";
import { CONSOLE_DATABASE_URL, wantsConsole } from "./console/console-mode";
import { ConfigError, loadConfig, loadDotEnv, secretsOf } from "./config";
import { createLogger } from "./logger";
import { guardProcess } from "./process-guards";
import { SHUTDOWN_BUDGET_MS, startRuntime, type Runtime } from "./runtime";

const USAGE = "usage: minutebook [--role web|worker|all]";

export function parseRoleArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--role") {
      const value = argv[i + 1];
      if (value === undefined) throw new ConfigError([`--role needs a value: ${USAGE}`]);
      return value;
    }
    if (arg.startsWith("--role=")) return arg.slice("--role=".length);
    if (arg === "--help" || arg === "-h") continue;
    throw new ConfigError([`unknown argument ${JSON.stringify(arg)}: ${USAGE}`]);
  }
  return undefined;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  loadDotEnv();
  if (wantsConsole(process.env)) return runConsole();
  let config;
  try {
    config = loadConfig(process.env, parseRoleArgument(argv));
  } catch (error) {
    if (error instanceof ConfigError) {
      const isMissingSlack = error.problems.some((p) => /^SLACK_(BOT_TOKEN|SIGNING_SECRET) is missing/.test(p));
      const hint =
        isMissingSlack && process.env.NODE_ENV === "production"
          ? " (NODE_ENV is production, so there is no local console: create the Slack app from manifest.yml and set its credentials, as README.md's 'Connecting to Slack' says)"
          : "";
      process.stderr.write(`${error.message}${hint}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, secrets: secretsOf(config), scrubSlackTokens: true });
  // From here on, an error nothing caught is logged and the process keeps serving.
  guardProcess(process, logger);

  // Signals are handled from the first moment: one that arrives while the app is
  // still starting stops it as soon as it has started. A second signal exits at once.
  let runtime: Runtime | undefined;
  let stopSignal: string | undefined;
  const stop = (started: Runtime, signal: string) => {
    logger.info({ signal }, "shutting down");
    // If something hangs past the budget, leave anyway: the platform would kill us next.
    setTimeout(() => {
      logger.error({ budgetMs: SHUTDOWN_BUDGET_MS }, "shutdown overran its budget; exiting");
      logger.flush();
      process.exit(1);
    }, SHUTDOWN_BUDGET_MS).unref();
    started.stop().then(
      // Everything is closed; exit now rather than wait on a stray timer in a library.
      () => logger.flush(() => process.exit(0)),
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        logger.flush();
        process.exit(1);
      },
    );
  };
  const onSignal = (signal: string) => {
    if (stopSignal) {
      logger.warn({ signal }, "second signal; exiting without waiting");
      logger.flush();
      process.exit(1);
    }
    stopSignal = signal;
    if (runtime) stop(runtime, signal);
  };
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  process.on("SIGINT", () => onSignal("SIGINT"));

  try {
    runtime = await startRuntime({ config, logger });
  } catch (error) {
    logger.fatal({ err: error }, "Minutebook could not start");
    logger.flush();
    process.stderr.write(`Minutebook could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  logger.info(
    { roles: config.roles, port: runtime.port, socketMode: Boolean(config.slackAppToken) },
    "Minutebook started",
  );
  if (stopSignal) stop(runtime, stopSignal);
}

/** No Slack app yet: the same app, with the terminal standing in for Slack. */
async function runConsole(): Promise<void> {
  guardProcess(process, {
    error: (fields, message) =>
      process.stderr.write(
        `${message}: ${fields.err instanceof Error ? (fields.err.stack ?? fields.err.message) : String(fields.err)}\n`,
      ),
  });
  process.stdout.write(
    "No Slack credentials (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET), so this is the local console: the real app, with this terminal standing in for Slack.\n",
  );
  let localConsole: LocalConsole;
  try {
    localConsole = await LocalConsole.start({
      env: process.env,
      input: process.stdin,
      output: process.stdout,
      isTerminal: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    });
  } catch (error) {
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`Minutebook could not start: ${message}\n`);
    if (!process.env.DATABASE_URL)
      process.stderr.write(
        `(the console keeps its data in ${CONSOLE_DATABASE_URL}; set DATABASE_URL to use another)\n`,
      );
    process.exit(1);
  }
  process.on("SIGTERM", () => void localConsole.stop().then(() => process.exit(0)));
  await localConsole.run();
  process.exit(0);
}

void main();
