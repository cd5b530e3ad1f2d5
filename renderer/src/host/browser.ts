/**
 * The browser host: the station file is served beside the page as /station.json, and printing shows the
 * receipt on screen only (the same print data Electron sends to the thermal printer).
 */
import { stationConfigSchema } from '../../../shared/station';
import { describeZodError } from '../../../shared/sync/protocol';
import type { Host } from './host';

export function browserHost(): Host {
  return {
    kind: 'browser',
    async loadStation() {
      const res = await fetch('/station.json', { cache: 'no-store' });
      if (!res.ok) throw new Error(`Station settings could not be read (/station.json answered ${res.status})`);
      const parsed = stationConfigSchema.safeParse(await res.json());
      if (!parsed.success) throw new Error(`Station settings: ${describeZodError(parsed.error).error}`);
      return parsed.data;
    },
    async print() {
      return { ok: true };
    },
  };
}
