/**
 * A read started now and awaited later, so it runs while another is done; if that other
 * fails first and this one is never awaited, its failure is not left unhandled.
 */
export function alongside<T>(read: Promise<T>): Promise<T> {
  read.catch(() => undefined);
  return read;
}
