// Where the CPU went while something ran: the app's processes, the PostgreSQL backends
// serving its database, Redis, this process, and everything else on the machine
// (other people's work included), from /proc. Linux only.
import { readdirSync, readFileSync } from "node:fs";
import { cpus } from "node:os";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function processTicks(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** PostgreSQL's processes, each with the database its backend serves (from its process title), if any. */
function postgresProcesses(): Map<number, string | undefined> {
  const found = new Map<number, string | undefined>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() !== "postgres") continue;
      // "postgres: 15/main: <user> <database> <host>(<port>) <state>"
      const title = readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ");
      found.set(Number(entry), /^postgres: [^:]+: \S+ (\S+) /.exec(title)?.[1]);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

function pidsNamed(name: string): number[] {
  return readdirSync("/proc").flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      return readFileSync(`/proc/${entry}/comm`, "utf8").trim() === name ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

function machineTicks(): { busy: number; total: number } {
  const values = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = values.reduce((sum, v) => sum + v, 0);
  return { busy: total - values[3]! - values[4]!, total };
}

export interface CpuUse {
  seconds: number;
  /** Cores kept busy on average, by who. */
  parts: Array<[string, number]>;
  everythingElse: number;
  machine: number;
  cores: number;
}

/**
 * Counts CPU time from now: the given processes, the PostgreSQL backends serving
 * `database` (and the rest of PostgreSQL), Redis and this process; `stop()` says how
 * many cores each kept busy meanwhile, and how many everything else on the machine did
 * (other people's work included). A backend that ends meanwhile takes its time with it.
 */
export function cpuMeter(processes: Record<string, number[]>, database: string) {
  const cores = cpus().length;
  const ticksAt = () => {
    const postgres = postgresProcesses();
    const ticks = new Map<number, number>();
    for (const pid of [
      ...Object.values(processes).flat(),
      ...postgres.keys(),
      ...pidsNamed("redis-server"),
      process.pid,
    ])
      ticks.set(pid, processTicks(pid));
    return { postgres, ticks };
  };
  const start = { at: performance.now(), ...ticksAt(), machine: machineTicks() };
  return {
    stop(): CpuUse {
      const seconds = (performance.now() - start.at) / 1000;
      const end = ticksAt();
      const machine = machineTicks();
      const used = (pids: Iterable<number>) => {
        let ticks = 0;
        for (const pid of pids) ticks += Math.max(0, (end.ticks.get(pid) ?? 0) - (start.ticks.get(pid) ?? 0));
        return ticks / TICKS_PER_SECOND / seconds;
      };
      const ours = [...end.postgres].filter(([, db]) => db === database).map(([pid]) => pid);
      const parts: Array<[string, number]> = [
        ...Object.entries(processes).map(([name, pids]): [string, number] => [name, used(pids)]),
        ["PostgreSQL for it", used(ours)],
        ["Redis", used(pidsNamed("redis-server"))],
        ["this process (Slack, load)", used([process.pid])],
        ["PostgreSQL for others", used([...end.postgres.keys()].filter((pid) => !ours.includes(pid)))],
      ];
      const machineBusy =
        ((machine.busy - start.machine.busy) / Math.max(1, machine.total - start.machine.total)) * cores;
      return {
        seconds,
        parts,
        everythingElse: Math.max(0, machineBusy - parts.reduce((sum, [, c]) => sum + c, 0)),
        machine: machineBusy,
        cores,
      };
    },
  };
}

export function describeCpu(use: CpuUse): string {
  return `CPU, cores busy: ${use.parts.map(([name, c]) => `${name} ${c.toFixed(2)}`).join(", ")}, everything else ${use.everythingElse.toFixed(2)}; machine ${use.machine.toFixed(2)} of ${use.cores}`;
}
