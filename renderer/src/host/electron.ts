/** The Electron host: the preload's `window.counter` bridge. */
import type { CounterBridge } from '../../../shared/bridge/bridge';
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
      if (!r.ok) throw new Error(r.error);
      return r.value;
    },
    async print(request) {
      const r = await bridge.print(request);
      return r.ok ? r.value : { ok: false, canRetry: true, reason: r.error };
    },
  };
}
