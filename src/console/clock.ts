// The app's clock when time is not real time: the local console (where :clock moves it)
// and the tests. It starts at a chosen instant and runs at real speed, so timers, delays
// and BullMQ jobs behave as they do, at a date the reader can reason about.

export interface RunningClock {
  (): Date;
  /** Puts the clock at `iso`; it runs on from there. */
  set(iso: string): void;
  /** Moves the clock on by `ms`. */
  advance(ms: number): void;
  /** What the app's clock read at a real instant (a recorded Slack call's `at`). */
  appTimeOf(real: Date): Date;
}

export function runningClock(iso: string): RunningClock {
  let base = Date.parse(iso);
  let started = Date.now();
  const now = () => new Date(base + (Date.now() - started));
  return Object.assign(now, {
    set(at: string) {
      base = Date.parse(at);
      started = Date.now();
    },
    advance(ms: number) {
      base += ms;
    },
    appTimeOf(real: Date) {
      return new Date(base + (real.getTime() - started));
    },
  });
}
