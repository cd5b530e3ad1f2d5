/** Midnight at the start of today on this PC's clock, as an ISO timestamp: where "today's payments" begin. */
export function startOfToday(now: Date = new Date()): string {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.toISOString();
}
