/** The setup screen's connection test: central answers its health check, and accepts the token. */
import { judgeStationAnswer, type ConnectionResult, type ConnectionTest } from '../../../shared/bridge/bridge';
import { healthResponseSchema } from '../../../shared/sync/protocol';

export async function testCentralConnection(test: ConnectionTest, fetcher: typeof fetch = fetch): Promise<ConnectionResult> {
  const base = test.centralUrl.replace(/\/+$/, '');
  try {
    const health = await fetcher(`${base}/v1/health`, { signal: AbortSignal.timeout(5000) });
    const parsed = healthResponseSchema.safeParse(await health.json().catch(() => null));
    if (!health.ok || !parsed.success) return { ok: false, message: `Central URL: ${base} answered, but not as a counter central service (HTTP ${health.status})` };
    // Who the token is: refused (401), or a station and utility that must be the ones being saved.
    const auth = await fetcher(`${base}/v1/station`, { headers: { Authorization: `Bearer ${test.token}` }, signal: AbortSignal.timeout(5000) });
    return judgeStationAnswer(test, auth.status, await auth.json().catch(() => null), `Connected: central ${parsed.data.version} on ${parsed.data.database}`);
  } catch (e) {
    return { ok: false, message: `Central URL: nothing answered at ${base} (${e instanceof Error ? e.message : String(e)}); check the address and the network` };
  }
}
