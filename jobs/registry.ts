// Every job and sweep the worker role runs. Each later capability adds its own
// definitions here; the workers, the sweeps and the tests all read this list.
import type { JobDefinition, SweepDefinition } from "./define-job";
import type { JobQueues } from "./queues";
import { reportQueueDepthsSweep } from "./system/report-queue-depths";

export const JOB_DEFINITIONS: readonly JobDefinition<never>[] = [];

export function sweepsFor(queues: JobQueues): SweepDefinition[] {
  return [reportQueueDepthsSweep(queues)];
}
