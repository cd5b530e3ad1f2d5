/** The counter's shell: loads the station, opens the store, starts sync, and shows sign-in or the counter. */
import { useEffect, useState } from 'react';
import { profileById, type UtilityProfile } from '../../../shared/profiles';
import type { StationConfig } from '../../../shared/station';
import { counterDb } from '../db/schema';
import { seedDemoUsers } from '../db/users';
import { currentHost, type Host } from '../host';
import { httpCentralClient, type CentralClient } from '../features/sync/central-client';
import { startSyncRunner, type SyncRunner } from '../features/sync/runner';
import { SignIn, type SignedInUser } from '../features/signin/SignIn';
import { CounterScreen } from './CounterScreen';
import { useCacheRefresh } from '../features/sync/useCacheRefresh';

export type Station = {
  config: StationConfig;
  profile: UtilityProfile;
  host: Host;
  client: CentralClient;
  runner: SyncRunner;
  storagePersisted: boolean | null;
};

export function App() {
  const [station, setStation] = useState<Station | null>(null);
  const [bootError, setBootError] = useState<string | null>(null);
  const [user, setUser] = useState<SignedInUser | null>(null);

  useEffect(() => {
    let runner: SyncRunner | null = null;
    let cancelled = false;
    (async () => {
      const host = currentHost();
      const config = await host.loadStation();
      const profile = profileById(config.profileId);
      const db = counterDb();
      await seedDemoUsers(db);
      // Ask the browser not to evict the store under storage pressure; shown in the status bar if refused.
      const storagePersisted = navigator.storage?.persist ? await navigator.storage.persist().catch(() => false) : null;
      const client = httpCentralClient(config.centralUrl, config.token);
      if (cancelled) return;
      runner = startSyncRunner(db, client);
      setStation({ config, profile, host, client, runner, storagePersisted });
    })().catch((e: unknown) => setBootError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
      void runner?.stop();
    };
  }, []);

  useCacheRefresh(station);

  if (bootError) {
    return (
      <main className="boot">
        <h1>The counter cannot start</h1>
        <p role="alert">{bootError}</p>
      </main>
    );
  }
  if (!station) {
    return (
      <main className="boot">
        <p>Starting the counter…</p>
      </main>
    );
  }
  if (!user) return <SignIn station={station} onSignedIn={setUser} />;
  return <CounterScreen station={station} user={user} onSignOut={() => setUser(null)} />;
}
