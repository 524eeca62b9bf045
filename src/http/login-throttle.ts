// Failed logins counted per client address in a fixed window: after `maxFailures` wrong
// passwords from one address within `windowMs` of its first, that address is told to wait
// (429 with Retry-After) until the window ends, right password or not; other addresses are
// untouched. A right password does not wipe the count: someone guessing from behind the same
// address as a working operator would otherwise get unlimited tries. Kept in this process's memory: the dashboard is an operator's page, and a
// limit per process (at most maxFailures × replicas a minute) needs no Redis round trip and
// still holds when Redis, the thing the dashboard is there to look at, is in trouble.
import { isIPv6 } from "node:net";

export interface LoginThrottle {
  /** Whole seconds this address must wait before trying again; 0 when it may try now. */
  waitSeconds(address: string): number;
  failed(address: string): void;
}

export interface LoginThrottleOptions {
  maxFailures?: number;
  windowMs?: number;
  /** Addresses remembered at most; the oldest are forgotten first, so a spray of addresses cannot fill memory. */
  maxAddresses?: number;
  now?: () => number;
}

interface Window {
  startedAt: number;
  failures: number;
}

/**
 * Who is asking, for counting: IPv4 as is (also when mapped into IPv6), IPv6 by its /64, the
 * block one subscriber is usually given, so changing the last bits does not reset the count.
 */
export function clientKey(address: string | undefined): string {
  if (!address) return "unknown";
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = "", tail] = address.toLowerCase().split("%")[0]!.split("::");
  const left = head ? head.split(":") : [];
  const right = tail === undefined ? [] : tail ? tail.split(":") : [];
  const groups =
    tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

export function createLoginThrottle(options: LoginThrottleOptions = {}): LoginThrottle {
  const maxFailures = options.maxFailures ?? 5;
  const windowMs = options.windowMs ?? 60_000;
  const maxAddresses = options.maxAddresses ?? 10_000;
  const now = options.now ?? Date.now;
  const windows = new Map<string, Window>();

  const current = (key: string): Window | undefined => {
    const window = windows.get(key);
    if (window && now() - window.startedAt >= windowMs) {
      windows.delete(key);
      return undefined;
    }
    return window;
  };
  const makeRoom = () => {
    if (windows.size < maxAddresses) return;
    for (const [key, window] of windows) if (now() - window.startedAt >= windowMs) windows.delete(key);
    // Still full: forget the oldest (a Map iterates in insertion order).
    while (windows.size >= maxAddresses) windows.delete(windows.keys().next().value as string);
  };

  return {
    waitSeconds(address) {
      const window = current(clientKey(address));
      if (!window || window.failures < maxFailures) return 0;
      return Math.max(1, Math.ceil((window.startedAt + windowMs - now()) / 1000));
    },
    failed(address) {
      const key = clientKey(address);
      const window = current(key);
      if (window) {
        window.failures += 1;
        return;
      }
      makeRoom();
      windows.set(key, { startedAt: now(), failures: 1 });
    },
  };
}
