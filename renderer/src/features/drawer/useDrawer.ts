/** The signed-in person's drawer at this station, live, and where its cash stands against the profile's limits. */
import { formatTimeOfDay } from '../../../../shared/time/business-day';
import { cashLevel, type CashLevel } from '../../../../shared/drawer/closeout';
import type { DrawerSession } from '../../../../shared/drawer/entries';
import type { DrawerSettings } from '../../../../shared/profiles/schema';
import { currentDrawer, expectedNow } from '../../db/drawer';
import { useLive } from '../../db/live';
import { counterDb } from '../../db/schema';

/** `drawer` is undefined until the store has answered, null when no drawer is open. */
export type DrawerState = { drawer: DrawerSession | null | undefined; level: CashLevel };

export function useDrawer(stationId: string, user: string, settings: Pick<DrawerSettings, 'cashWarnAt' | 'cashMaxAt'>): DrawerState {
  return useLive<DrawerState>(
    async () => {
      const db = counterDb();
      const drawer = (await currentDrawer(db, stationId, user)) ?? null;
      if (!drawer || drawer.state !== 'open') return { drawer, level: { level: 'ok' } as CashLevel };
      return { drawer, level: cashLevel((await expectedNow(db, drawer)).cash, settings) };
    },
    [stationId, user, settings.cashWarnAt, settings.cashMaxAt],
    { drawer: undefined, level: { level: 'ok' } },
  );
}

/** "08:02" */
/** A drawer's time on the center's clock (the profile's zone), not the PC's. */
export const clock = (iso: string, timeZone: string) => formatTimeOfDay(new Date(iso), timeZone);

/** For the status bar: "Drawer open 08:02", "Drawer counted, waiting for sign-off", "No drawer". */
export function drawerStatus(drawer: DrawerSession | null | undefined, timeZone: string): string {
  if (drawer === undefined) return 'Drawer…';
  if (!drawer) return 'No drawer';
  return drawer.state === 'open' ? `Drawer open ${clock(drawer.openedAt, timeZone)}` : 'Drawer counted, waiting for sign-off';
}
