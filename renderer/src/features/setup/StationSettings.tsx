/**
 * Station settings after first run, from the sign-in screen: a supervisor approves with their own PIN (wrong
 * PINs count toward the lockout, as for any approval), then the setup screen opens in its settings mode.
 * Escape or Cancel goes back to sign-in with nothing changed; Save starts the counter again with the new
 * settings.
 */
import { ApproverFields, FormButtons, FormError, type Errors } from '../../ui/fields';
import { useEffect, useState } from 'react';
import type { Station } from '../../app/App';
import { counterDb } from '../../db/schema';
import { approve } from '../../db/users';
import { SetupScreen } from './SetupScreen';

export function StationSettings({ station, onSaved, onCancel }: { station: Station; onSaved: () => void; onCancel: () => void }) {
  const [approvedBy, setApprovedBy] = useState<string | null>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);

  if (approvedBy === null) return <SupervisorGate station={station} onApproved={setApprovedBy} onCancel={onCancel} />;
  return <SetupScreen host={station.host} problem={null} onSaved={onSaved} settings={{ station: station.config, approvedBy, onCancel }} />;
}

function SupervisorGate({ station, onApproved, onCancel }: { station: Station; onApproved: (name: string) => void; onCancel: () => void }) {
  const [who, setWho] = useState('');
  const [pin, setPin] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setErrors({});
    setBusy(true);
    try {
      const a = await approve(counterDb(), who, pin, {
        // Nobody is signed in here, so there is no one the supervisor could be approving for themselves.
        for: '',
        role: 'supervisor',
        field: 'Supervisor',
        pinField: 'Supervisor PIN',
        what: '',
        policy: station.profile.drawer.pinLockout,
        stationId: station.config.stationId,
      });
      if (a.ok) return onApproved(a.approval.name);
      setErrors({ [a.field]: a.message });
      // A wrong PIN is typed again from scratch.
      setPin('');
    } catch (e) {
      setErrors({ _: `Station settings: the PIN could not be checked (${e instanceof Error ? e.message : String(e)}); try again` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="signin">
      <h1>Station settings</h1>
      <p className="muted">A supervisor opens the station settings with their own PIN.</p>
      <form
        aria-label="Supervisor approval"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <ApproverFields idPrefix="settings-supervisor" label="Supervisor" name={who} pin={pin} onName={setWho} onPin={setPin} errors={errors} autoFocus />
        <FormError message={errors._} />
        <FormButtons submit="Open settings" busy={busy} onCancel={onCancel} />
      </form>
    </main>
  );
}
