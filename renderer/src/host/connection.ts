/** The setup screen's connection test: central answers its health check, and accepts the token. */
import type { ConnectionResult, ConnectionTest } from '../../../shared/bridge/bridge';
import { healthResponseSchema } from '../../../shared/sync/protocol';

export async function testCentralConnection(test: ConnectionTest, fetcher: typeof fetch = fetch): Promise<ConnectionResult> {
  const base = test.centralUrl.replace(/\/+$/, '');
  try {
    const health = await fetcher(`${base}/v1/health`, { signal: AbortSignal.timeout(5000) });
    const parsed = healthResponseSchema.safeParse(await health.json().catch(() => null));
    if (!health.ok || !parsed.success) return { ok: false, message: `Central URL: ${base} answered, but not as a counter central service (HTTP ${health.status})` };
    // Any authenticated call tells whether central accepts the token.
    const auth = await fetcher(`${base}/v1/accounts/_token-check/0000`, { headers: { Authorization: `Bearer ${test.token}` }, signal: AbortSignal.timeout(5000) });
    if (auth.status === 401) return { ok: false, message: 'Station token: central refused it; check the token central issued for this station' };
    return { ok: true, message: `Connected: central ${parsed.data.version} on ${parsed.data.database}` };
  } catch (e) {
    return { ok: false, message: `Central URL: nothing answered at ${base} (${e instanceof Error ? e.message : String(e)}); check the address and the network` };
  }
}
