/**
 * The time window central accepts a payment's `takenAt` in. Outside it the station's clock (or the
 * record) is wrong: central holds the payment for the back office instead of posting it on a wrong day.
 */
export const TAKEN_AT_WINDOW = {
  /** A station's clock a little ahead is normal; more is not. */
  aheadMinutes: 5,
  /** An outbox older than this was lost for months: people look at it before it posts. */
  behindDays: 90,
  /** Nothing this counter took can be older. */
  earliest: '2000-01-01T00:00:00.000Z',
} as const;

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Why `takenAt` is outside the window at `now`, for people; null when inside. */
export function takenAtProblem(takenAt: string, now: Date): string | null {
  const at = new Date(takenAt).getTime();
  if (Number.isNaN(at)) return `taken at ${takenAt}, which is not a time`;
  if (at < new Date(TAKEN_AT_WINDOW.earliest).getTime()) return `taken at ${takenAt}, before ${TAKEN_AT_WINDOW.earliest.slice(0, 10)}`;
  if (at > now.getTime() + TAKEN_AT_WINDOW.aheadMinutes * MINUTE) {
    return `taken at ${takenAt}, more than ${TAKEN_AT_WINDOW.aheadMinutes} minutes after central's clock (${now.toISOString()}): check the station's clock`;
  }
  if (at < now.getTime() - TAKEN_AT_WINDOW.behindDays * DAY) return `taken at ${takenAt}, more than ${TAKEN_AT_WINDOW.behindDays} days ago`;
  return null;
}
