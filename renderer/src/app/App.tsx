/** The counter's shell: loads the station, opens the store, starts sync, and shows sign-in or the counter. */
import { useEffect, useState } from 'react';
import { profileById, type UtilityProfile } from '../../../shared/profiles';
import type { StationView } from '../../../shared/station';
import { counterDb } from '../db/schema';
import { seedDemoUsers } from '../db/users';
import { journalHead } from '../db/journal';
import { currentHost, type Host } from '../host';
import { centralClient, type CentralClient } from '../features/sync/central-client';
import { startSyncRunner, type SyncRunner } from '../features/sync/runner';
import { SignIn, type SignedInUser } from '../features/signin/SignIn';
import { CounterScreen } from './CounterScreen';
import { DropBoxScreen } from '../features/dropbox/DropBoxScreen';
import { useCacheRefresh } from '../features/sync/useCacheRefresh';
import { SetupScreen } from '../features/setup/SetupScreen';
import { HelpOverlay } from './HelpOverlay';

export type Station = {
  config: StationView;
  profile: UtilityProfile;
  host: Host;
  client: CentralClient;
  runner: SyncRunner;
  storagePersisted: boolean | null;
  /** 'plain' when a supervisor accepted keeping the token in plain text (no OS keychain): the status bar says so. */
  tokenAtRest: 'sealed' | 'plain' | 'none' | null;
};

export function App() {
  const [station, setStation] = useState<Station | null>(null);
  const [bootError, setBootError] = useState<string | null>(null);
  const [user, setUser] = useState<SignedInUser | null>(null);
  const [setup, setSetup] = useState<{ host: Host; problem: string | null } | null>(null);
  // Bumped after setup or station settings save, to start again with the new settings.
  const [boots, setBoots] = useState(0);
  const restartWithNewSettings = () => {
    setStation(null);
    setBoots((b) => b + 1);
  };

  useEffect(() => {
    let runner: SyncRunner | null = null;
    let cancelled = false;
    (async () => {
      const host = currentHost();
      const loaded = await host.loadStation();
      if (cancelled) return;
      if (!loaded.station) {
        setSetup({ host, problem: loaded.problem });
        return;
      }
      setSetup(null);
      const config = loaded.station;
      const profile = profileById(config.profileId);
      const db = counterDb();
      // Entries are signed with the host's key, which the page cannot read.
      db.journalMac = (message) => host.journalMac(message);
      await seedDemoUsers(db);
      // Ask the browser not to evict the store under storage pressure; shown in the status bar if refused.
      const storagePersisted = navigator.storage?.persist ? await navigator.storage.persist().catch(() => false) : null;
      // Every batch carries the journal's head: central keeps it, so a rewritten or cut journal shows.
      const client = centralClient(host.central, { journalHead: async () => {
        const head = await journalHead(db);
        return head ? { stationId: config.stationId, ...head } : null;
      } });
      if (cancelled) return;
      runner = startSyncRunner(db, client);
      setStation({ config, profile, host, client, runner, storagePersisted, tokenAtRest: loaded.tokenAtRest ?? null });
    })().catch((e: unknown) => setBootError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
      void runner?.stop();
    };
  }, [boots]);

  useCacheRefresh(station);

  if (setup) return <SetupScreen host={setup.host} problem={setup.problem} onSaved={() => setBoots((b) => b + 1)} />;
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
  return (
    <>
      {user?.role === 'dropbox' ? <DropBoxScreen station={station} user={user} onSignOut={() => setUser(null)} /> : user ? <CounterScreen station={station} user={user} onSignOut={() => setUser(null)} /> : <SignIn station={station} onSignedIn={setUser} onStationSaved={restartWithNewSettings} />}
      <HelpOverlay screen={user?.role === 'dropbox' ? 'dropbox' : 'counter'} />
    </>
  );
}
