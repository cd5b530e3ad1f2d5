/**
 * Sign-in: user and PIN, checked against the station's PIN hashes (works offline). Wrong PINs count toward
 * the profile's lockout; every sign-in is a journal entry. A supervisor is warned when payments have waited
 * for central longer than the profile's offline hours (the top cause of lost offline payments is signing
 * out or reinstalling with payments still queued). "Station settings" opens the setup screen again, after a
 * supervisor's PIN.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useCallback, useState } from 'react';
import { signInSchema, type Role, type SignIn as SignInValues } from '../../../../shared/auth/users';
import { checkPinWithLockout, recordSignIn } from '../../db/users';
import { oldestPending } from '../../db/outbox';
import { counterDb } from '../../db/schema';
import type { Station } from '../../app/App';
import { StationSettings } from '../setup/StationSettings';

/** Hours from a time until now. */
function hoursSince(iso: string): number {
  return (Date.now() - Date.parse(iso)) / 3_600_000;
}

export type SignedInUser = { name: string; displayName: string; role: Role };

export function SignIn({ station, onSignedIn, onStationSaved }: { station: Station; onSignedIn: (u: SignedInUser) => void; onStationSaved: () => void }) {
  const [refused, setRefused] = useState<string | null>(null);
  const [settings, setSettings] = useState(false);
  const closeSettings = useCallback(() => setSettings(false), []);
  const [offlineWarning, setOfflineWarning] = useState<{ user: SignedInUser; message: string } | null>(null);
  const { register, handleSubmit, formState } = useForm<SignInValues>({
    resolver: zodResolver(signInSchema),
    defaultValues: { user: '', pin: '' },
  });
  const onSubmit = handleSubmit(async (v) => {
    setRefused(null);
    const db = counterDb();
    const settings = station.profile.drawer;
    const r = await checkPinWithLockout(db, v.user, v.pin, { policy: settings.pinLockout, stationId: station.config.stationId });
    if (!r.ok) {
      setRefused(r.message);
      return;
    }
    const user: SignedInUser = { name: r.user.name, displayName: r.user.displayName, role: r.user.role };
    await recordSignIn(db, user, station.config.stationId);
    if (user.role === 'supervisor') {
      const oldest = await oldestPending(db);
      const hours = oldest ? hoursSince(oldest.queuedAt) : 0;
      if (oldest && hours >= settings.offlineWarnHours) {
        setOfflineWarning({
          user,
          message: `Offline too long: entries have waited ${Math.floor(hours)} hours to reach central (since ${new Date(oldest.queuedAt).toLocaleString('en-US')}), more than the ${settings.offlineWarnHours} hours allowed. Check the network and central (Sync, F11); do not sign out for good, reset or reinstall this station while entries wait.`,
        });
        return;
      }
    }
    onSignedIn(user);
  });
  if (offlineWarning) {
    return (
      <main className="signin">
        <h1>Payments are waiting</h1>
        <p role="alert" className="alert-text stop">
          ▲ {offlineWarning.message}
        </p>
        <button type="button" className="primary" autoFocus onClick={() => onSignedIn(offlineWarning.user)}>
          I understand, continue
        </button>
      </main>
    );
  }
  if (settings) return <StationSettings station={station} onSaved={onStationSaved} onCancel={closeSettings} />;
  const err = formState.errors;
  return (
    <main className="signin">
      <h1>
        {station.profile.name} · {station.profile.center.name}
      </h1>
      <p className="muted">{station.config.stationName}</p>
      <form onSubmit={onSubmit} noValidate aria-label="Sign in">
        <div className="field">
          <label htmlFor="signin-user">User</label>
          <input id="signin-user" autoFocus autoComplete="username" aria-invalid={!!err.user} aria-describedby="signin-user-error" {...register('user')} />
          {err.user && (
            <p id="signin-user-error" role="alert" className="error">
              {err.user.message}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor="signin-pin">PIN</label>
          <input id="signin-pin" type="password" inputMode="numeric" autoComplete="current-password" aria-invalid={!!err.pin || !!refused} aria-describedby="signin-pin-error" {...register('pin')} />
          {(err.pin || refused) && (
            <p id="signin-pin-error" role="alert" className="error">
              {err.pin?.message ?? refused}
            </p>
          )}
        </div>
        <button type="submit" className="primary" disabled={formState.isSubmitting}>
          Sign in
        </button>
      </form>
      <div className="row settings-link">
        <button type="button" onClick={() => setSettings(true)}>
          Station settings
        </button>
      </div>
    </main>
  );
}
