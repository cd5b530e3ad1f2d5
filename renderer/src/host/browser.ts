/**
 * The browser host: the station's settings come from setup (kept in localStorage) or, on a demo server,
 * from /station.json beside the page; printing shows the receipt on screen only (the same print data
 * Electron sends to the thermal printer). Settings after first run send an empty token to keep the one
 * loaded here, as main does with the station file's.
 */
import { keepSavedToken, stationSetupSchema } from '../../../shared/bridge/bridge';
import { stationConfigSchema, stationView, type StationConfig } from '../../../shared/station';
import { describeZodError } from '../../../shared/sync/protocol';
import { CentralUnreachable, httpTransport } from '../features/sync/central-client';
import { storedKeyMac } from '../db/journal-key';
import { counterDb } from '../db/schema';
import { testCentralConnection } from './connection';
import type { CentralTransport, Host } from './host';

const KEY = 'counter.station';

export function browserHost(storage: Storage = localStorage): Host {
  let config: StationConfig | null = null;
  let client: CentralTransport | null = null;
  const host: Host = {
    kind: 'browser',
    async loadStation() {
      const saved = storage.getItem(KEY);
      if (saved !== null) {
        const parsed = stationConfigSchema.safeParse(parseJson(saved));
        if (parsed.success) {
          config = parsed.data;
          return { station: stationView(config), problem: null };
        }
        // Kept aside, not lost: what the technician typed can be read back.
        storage.setItem(`${KEY}.broken`, saved);
        storage.removeItem(KEY);
        return { station: null, problem: `Station settings: ${parsed.success ? '' : describeZodError(parsed.error).error}; set the station up again` };
      }
      const res = await fetch('/station.json', { cache: 'no-store' }).catch(() => null);
      if (!res || res.status === 404) return { station: null, problem: null };
      if (!res.ok) return { station: null, problem: `Station settings could not be read (/station.json answered ${res.status})` };
      const parsed = stationConfigSchema.safeParse(await res.json().catch(() => null));
      if (!parsed.success) return { station: null, problem: `Station settings: ${describeZodError(parsed.error).error}` };
      config = parsed.data;
      return { station: stationView(config), problem: null };
    },
    async saveStation(input) {
      const parsed = stationSetupSchema.safeParse(input);
      if (!parsed.success) return { ok: false, error: describeZodError(parsed.error).error };
      const kept = keepSavedToken(parsed.data, config);
      if (!kept.ok) return kept;
      storage.setItem(KEY, JSON.stringify(kept.value));
      config = kept.value;
      client = null;
      return { ok: true };
    },
    testConnection(test) {
      const kept = keepSavedToken(test, config);
      return kept.ok ? testCentralConnection(kept.value) : Promise.resolve({ ok: false, message: kept.error });
    },
    async central(request) {
      if (!config) throw new CentralUnreachable('The station is not set up');
      client ??= httpTransport(config.centralUrl, config.token);
      return client(request);
    },
    async print() {
      return { ok: true };
    },
    async printers() {
      return [];
    },
    // No printer here: the setup screen's preview is the test page.
    async testPage() {
      return { ok: true };
    },
    // The non-extractable key kept in the station's IndexedDB.
    journalMac: (message) => storedKeyMac(counterDb())(message),
  };
  return host;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
