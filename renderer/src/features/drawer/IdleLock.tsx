/**
 * The idle lock: after the profile's idle minutes without a key or a touch, the screen locks over whatever
 * is on it (nothing is lost) until the signed-in person enters their PIN again, or signs out. Wrong PINs
 * count toward the lockout.
 */
import { useEffect, useRef, useState } from 'react';
import { counterDb } from '../../db/schema';
import { checkPinWithLockout } from '../../db/users';
import type { Station } from '../../app/App';
import type { SignedInUser } from '../signin/SignIn';
import { Field } from '../../ui/fields';

const CHECK_EVERY_MS = 5_000;

/** True once `minutes` pass with no key, pointer or wheel input; `unlock` starts the count again. */
export function useIdleLock(minutes: number): [boolean, () => void] {
  const [locked, setLocked] = useState(false);
  const last = useRef(0);
  useEffect(() => {
    last.current = Date.now();
    const touch = () => {
      last.current = Date.now();
    };
    const events = ['keydown', 'pointerdown', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, touch, true);
    const t = setInterval(() => {
      if (Date.now() - last.current >= minutes * 60_000) setLocked(true);
    }, CHECK_EVERY_MS);
    return () => {
      for (const e of events) window.removeEventListener(e, touch, true);
      clearInterval(t);
    };
  }, [minutes]);
  return [
    locked,
    () => {
      last.current = Date.now();
      setLocked(false);
    },
  ];
}

export function LockScreen({ station, user, onUnlock, onSignOut }: { station: Station; user: SignedInUser; onUnlock: () => void; onSignOut: () => void }) {
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLDivElement>(null);
  useEffect(() => first.current?.querySelector('input')?.focus(), []);
  const unlock = async () => {
    setBusy(true);
    try {
      const r = await checkPinWithLockout(counterDb(), user.name, pin, { policy: station.profile.drawer.pinLockout, stationId: station.config.stationId });
      if (r.ok) onUnlock();
      else setError(r.message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Screen locked">
      <form
        className="panel lock-panel"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void unlock();
        }}
      >
        <h2>Screen locked</h2>
        <p>
          Locked after {station.profile.drawer.idleLockMinutes} minutes without use. {user.name}: enter your PIN to go on, or sign out for someone else.
        </p>
        <div ref={first}>
          <Field id="lock-pin" label="PIN" type="password" inputMode="numeric" value={pin} onChange={setPin} error={error} />
        </div>
        <div className="row">
          <button type="submit" className="primary" disabled={busy}>
            Unlock
          </button>
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </form>
    </div>
  );
}
