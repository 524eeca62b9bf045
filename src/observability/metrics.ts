// Prometheus metrics (prom-client), one registry per process, served at GET /metrics
// by every role: how fast Slack is answered, how late reminders are, how deep the
// queues are and what fails, and every Slack Web API call by method and outcome.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { JobQueues } from "../../jobs/queues";
import { QUEUE_NAMES } from "../../jobs/define-job";

export interface Metrics {
  readonly registry: Registry;
  /** From Bolt's first look at a request to its acknowledgement, by kind (command, action, view, shortcut, event) and name. */
  readonly slackAck: Histogram<"kind" | "name">;
  /** How long after its time each reminder reached Slack, by what it was about. */
  readonly reminderLateness: Histogram<"kind">;
  /** Jobs finished by the workers of this process, by queue, job and outcome (completed, failed). */
  readonly jobs: Counter<"queue" | "job" | "outcome">;
  /** Calls this process made to Slack's Web API, by method and outcome (ok, or Slack's error code). */
  readonly slackApiCalls: Counter<"method" | "outcome">;
  /** Sweep runs this process started, by sweep and outcome (done, failed, or skipped: another process held its lock). */
  readonly sweepRuns: Counter<"sweep" | "outcome">;
}

/** Latency buckets in seconds: Slack's 3-second acknowledgement limit sits inside them. */
const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5];
const LATENESS_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600];

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "minutebook_" });
  return {
    registry,
    slackAck: new Histogram({
      name: "minutebook_slack_ack_seconds",
      help: "Time from receiving a Slack request to acknowledging it",
      labelNames: ["kind", "name"],
      buckets: ACK_BUCKETS,
      registers: [registry],
    }),
    reminderLateness: new Histogram({
      name: "minutebook_reminder_lateness_seconds",
      help: "How long after its fire time a reminder was delivered to Slack",
      labelNames: ["kind"],
      buckets: LATENESS_BUCKETS,
      registers: [registry],
    }),
    jobs: new Counter({
      name: "minutebook_jobs_total",
      help: "Jobs finished by this process's workers",
      labelNames: ["queue", "job", "outcome"],
      registers: [registry],
    }),
    slackApiCalls: new Counter({
      name: "minutebook_slack_api_calls_total",
      help: "Slack Web API calls by method and outcome",
      labelNames: ["method", "outcome"],
      registers: [registry],
    }),
    sweepRuns: new Counter({
      name: "minutebook_sweep_runs_total",
      help: "Sweep runs started by this process, by sweep and outcome (done, failed, skipped)",
      labelNames: ["sweep", "outcome"],
      registers: [registry],
    }),
  };
}

/** Queue depths, read from Redis when Prometheus scrapes (the web role reads them too). */
export function watchQueueDepths(metrics: Metrics, queues: JobQueues): void {
  new Gauge({
    name: "minutebook_queue_jobs",
    help: "Jobs in each queue by state",
    labelNames: ["queue", "state"],
    registers: [metrics.registry],
    async collect() {
      for (const name of QUEUE_NAMES) {
        const counts = await queues
          .queue(name)
          .getJobCounts("waiting", "delayed", "active", "failed", "completed", "prioritized");
        for (const [state, count] of Object.entries(counts)) this.set({ queue: name, state }, count);
      }
    },
  });
}

/** Slack's method from a Web API URL (…/api/chat.postMessage); uploads go elsewhere. */
function methodOf(url: string): string {
  const match = /\/api\/([a-zA-Z0-9.]+)$/.exec(new URL(url).pathname);
  return match?.[1] ?? "file_upload";
}

type Fetch = typeof globalThis.fetch;

/**
 * The Web API clients' fetch, counting each call by method and outcome. Slack answers
 * errors with HTTP 200 and `ok: false`, so the body is read (from a clone) for its error.
 */
export function meteredFetch(metrics: Metrics, inner: Fetch = globalThis.fetch): Fetch {
  return async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = methodOf(url);
    try {
      const response = await inner(input, init);
      let outcome = response.status === 429 ? "ratelimited" : response.ok ? "ok" : `http_${response.status}`;
      if (response.ok && response.headers.get("content-type")?.includes("application/json")) {
        const body = (await response
          .clone()
          .json()
          .catch(() => undefined)) as { ok?: boolean; error?: string } | undefined;
        if (body?.ok === false) outcome = body.error ?? "error";
      }
      metrics.slackApiCalls.inc({ method, outcome });
      return response;
    } catch (error) {
      metrics.slackApiCalls.inc({ method, outcome: "request_failed" });
      throw error;
    }
  };
}
