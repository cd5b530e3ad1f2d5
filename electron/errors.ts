/**
 * Turning failures into words: thrown values (libraries here reject with Errors, strings and plain objects)
 * and zod issues, which are named by their field so the reader knows what to fix.
 */

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return String(error);
}

/** The Node error code (`ENOENT`, ...) when there is one. */
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** "paperWidth: Invalid option ...; token: ..." (a path-less issue is about the value as a whole). */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : '(whole value)'}: ${issue.message}`).join('; ');
}

/**
 * A failure whose message is meant for the renderer as it stands: `handle()` answers `{ ok: false, error: message }`
 * without its "<channel> failed:" prefix and without logging it (whoever throws it has logged what matters).
 * Used where the renderer acts on the answer, like "Central cannot be reached (...)".
 */
export class BridgeRefusal extends Error {
  override name = 'BridgeRefusal';
}
