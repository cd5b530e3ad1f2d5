/** Account look-up: the local cache answers at once; central, when reachable, with a fresher copy. */
import type { Account } from '../../../../shared/accounts/account';
import { formatAccountNumber } from '../../../../shared/accounts/account-number';
import type { UtilityProfile } from '../../../../shared/profiles';
import { cacheAccounts, cachedAccount } from '../../db/accounts';
import type { CounterDb } from '../../db/schema';
import { CentralRefused, type CentralClient } from '../sync/central-client';

export type Found = { account: Account; source: 'cache' | 'central'; asOf: string };

export async function fromCache(db: CounterDb, profile: UtilityProfile, number: string): Promise<Found | null> {
  const c = await cachedAccount(db, profile.id, number);
  if (!c) return null;
  const { cachedAt, ...account } = c;
  return { account, source: 'cache', asOf: cachedAt };
}

/** Central's copy, cached on arrival. Null when central has no such account; throws when unreachable. */
export async function fromCentral(db: CounterDb, client: CentralClient, profile: UtilityProfile, number: string): Promise<Found | null> {
  const account = await client.account(profile.id, number);
  if (!account) return null;
  const now = new Date().toISOString();
  await cacheAccounts(db, [account], now);
  return { account, source: 'central', asOf: now };
}

export function notFoundMessage(profile: UtilityProfile, number: string): string {
  return `Account number: no account ${formatAccountNumber(number, profile.accountNumber)} at ${profile.name}; check the number on the bill`;
}

export function unreachableMessage(profile: UtilityProfile, number: string): string {
  return `Account number: ${formatAccountNumber(number, profile.accountNumber)} is not in this station's cache and central cannot be reached; try again when the network is back`;
}

export function isRefusal(e: unknown): e is CentralRefused {
  return e instanceof CentralRefused;
}
