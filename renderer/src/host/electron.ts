/** The Electron host: the preload's `window.counter` bridge. Central is called by main, which holds the token. */
import type { BridgeResult, CounterBridge, PrintResult } from '../../../shared/bridge/bridge';
import { CentralUnreachable } from '../features/sync/central-client';
import type { Host } from './host';

declare global {
  interface Window {
    counter?: CounterBridge;
  }
}

export function electronHost(bridge: CounterBridge): Host {
  return {
    kind: 'electron',
    async loadStation() {
      const r = await bridge.station();
      if (!r.ok) return { station: null, problem: r.error };
      return r.value;
    },
    async saveStation(config) {
      const r = await bridge.saveStation(config);
      return r.ok ? { ok: true } : { ok: false, error: r.error };
    },
    async testConnection(test) {
      const r = await bridge.testConnection(test);
      return r.ok ? r.value : { ok: false, message: r.error };
    },
    async central(request) {
      const r = await bridge.central(request);
      if (!r.ok) throw new CentralUnreachable(r.error);
      return r.value;
    },
    print: async (request) => printResult(await bridge.print(request)),
    async printers() {
      const r = await bridge.printers();
      return r.ok ? r.value : [];
    },
    testPage: async (target) => printResult(await bridge.testPage(target)),
    async journalMac(message) {
      const r = await bridge.journalMac(message);
      // No entry is written unsigned: the caller's transaction fails and nothing is recorded.
      if (!r.ok) throw new Error(`The journal could not be signed: ${r.error}`);
      return r.value;
    },
  };
}

/** A payload main refused will be refused again: only a device failure is worth a retry. */
function printResult(r: BridgeResult<PrintResult>): PrintResult {
  return r.ok ? r.value : { ok: false, canRetry: false, reason: r.error };
}
