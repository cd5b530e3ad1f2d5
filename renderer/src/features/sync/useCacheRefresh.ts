/** Fills the account cache in the background at start, then keeps it fresh every minute. */
import { useEffect } from 'react';
import { counterDb } from '../../db/schema';
import { pullAccountChanges } from './cache-fill';
import type { Station } from '../../app/App';

const REFRESH_MS = 60_000;

export function useCacheRefresh(station: Station | null) {
  useEffect(() => {
    if (!station) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        await pullAccountChanges(counterDb(), station.client, station.profile.id);
      } catch {
        // Offline: the cache answers as it is, with its "as of" times; try again later.
      }
      if (!stopped) timer = setTimeout(() => void tick(), REFRESH_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [station]);
}
