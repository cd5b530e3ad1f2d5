/**
 * Exponential backoff with full jitter (a uniform draw up to the ceiling): retries spread out so stations
 * coming back together do not stampede central, and never wait more than a minute.
 */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_MAX_MS = 60_000;

/** The wait after the `failures`-th failure in a row (1 for the first). */
export function backoffDelay(failures: number, random: () => number = Math.random, baseMs = BACKOFF_BASE_MS, maxMs = BACKOFF_MAX_MS): number {
  // Capped exponent: 2 ** 1000 is Infinity, and the ceiling is reached long before.
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(30, Math.max(0, failures - 1)));
  return Math.floor(random() * ceiling);
}
