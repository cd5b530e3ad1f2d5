/** Sign-in: user and PIN, checked against the station's PIN hashes (works offline). */
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useState } from 'react';
import { signInSchema, type Role, type SignIn as SignInValues } from '../../../../shared/auth/users';
import { checkPin } from '../../db/users';
import { counterDb } from '../../db/schema';
import type { Station } from '../../app/App';

export type SignedInUser = { name: string; displayName: string; role: Role };

export function SignIn({ station, onSignedIn }: { station: Station; onSignedIn: (u: SignedInUser) => void }) {
  const [refused, setRefused] = useState<string | null>(null);
  const { register, handleSubmit, formState } = useForm<SignInValues>({
    resolver: zodResolver(signInSchema),
    defaultValues: { user: '', pin: '' },
  });
  const onSubmit = handleSubmit(async (v) => {
    setRefused(null);
    const user = await checkPin(counterDb(), v.user, v.pin);
    if (!user) {
      setRefused('PIN: the user name or PIN is not right; try again');
      return;
    }
    onSignedIn({ name: user.name, displayName: user.displayName, role: user.role });
  });
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
    </main>
  );
}
