/**
 * Whether `promise` resolves within `ms` (it rejects if the promise rejects first). Past
 * the time the promise is left to run and a later rejection is ignored; the timer is
 * cleared either way, so nothing is left behind.
 */
export async function resolvesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const resolved = promise.then(() => true);
  try {
    return await Promise.race([
      resolved,
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms))),
    ]);
  } finally {
    clearTimeout(timer);
    resolved.catch(() => undefined);
  }
}
