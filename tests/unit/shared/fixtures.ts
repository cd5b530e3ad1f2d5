/** Sample data shared by the shared/ unit tests: one PWB cash payment and the account it pays. */
import type { Account } from '../../../shared/accounts/account';
import type { Payment } from '../../../shared/payments/payment';
import type { AccountNumberFormat } from '../../../shared/profiles/schema';
import { utilityProfileSchema, type UtilityProfile } from '../../../shared/profiles/schema';
import { portlandWaterBureau } from '../../../shared/profiles';

/** A UUIDv7 written out, so snapshots do not change between runs. */
export const PAYMENT_ID = '0195939a-6f40-7abc-8def-0123456789ab';

/** 10:05 in Portland (PDT) on March 14, 2025. */
export const TAKEN_AT = '2025-03-14T17:05:00.000Z';

/** Overrides may hold malformed values: tests feed them to the schemas. */
export type Loose<T> = { [K in keyof T]?: unknown };

export function samplePayment(overrides: Loose<Payment> = {}): Payment {
  return {
    id: PAYMENT_ID,
    utility: 'pwb',
    stationId: 'wic-1',
    cashier: 'jdoe',
    drawerSessionId: 'drawer-2025-03-14-wic-1',
    takenAt: TAKEN_AT,
    lines: [{ accountNumber: '1000000001', amount: '182.40' }],
    tenders: [{ kind: 'cash', bills: '200.00', coins: '0.00' }],
    total: '182.40',
    tendered: '200.00',
    change: '17.60',
    ...overrides,
  } as Payment;
}

export function sampleAccount(overrides: Loose<Account> = {}): Account {
  return {
    utility: 'pwb',
    number: '1000000001',
    name: 'Maria Delgado',
    serviceAddress: '1234 NE Alberta St, Portland, OR 97211',
    balance: '182.40',
    pastDue: '0.00',
    dueDate: '2025-03-21',
    status: 'current',
    shutOffsLast12Months: 0,
    certifiedAmount: null,
    updatedAt: '2025-03-01T08:00:00.000Z',
    ...overrides,
  } as Account;
}

/** Portsmouth writes its 12-digit account numbers xxxxxxxxxx-xx (seed 004). */
export const portsmouthFormat: AccountNumberFormat = {
  digits: 12,
  display: '##########-##',
  source: { title: 'City of Portsmouth water/sewer bill', seed: '004' },
};

/** PWB's profile with another coin limit, as a utility would edit it. */
export function pwbWith(cash: { accepted?: boolean; coinLimit?: string | null; source?: { title: string } }): UtilityProfile {
  return utilityProfileSchema.parse({
    ...portlandWaterBureau,
    tenders: { cash: { ...portlandWaterBureau.tenders.cash, ...cash } },
  });
}

/** Integer cents written as a wire amount, without the code under test: 1234n → "12.34", -5n → "-0.05". */
export function centsToString(cents: bigint | number): string {
  const c = BigInt(cents);
  const neg = c < 0n;
  const abs = neg ? -c : c;
  const whole = abs / 100n;
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${neg ? '-' : ''}${whole.toString()}.${frac}`;
}

/** A wire amount read back to integer cents, without the code under test: "-0.05" → -5n. */
export function stringToCents(s: string): bigint {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(s);
  if (!m) throw new Error(`not a two-decimal amount: ${s}`);
  const abs = BigInt(m[2] ?? '0') * 100n + BigInt(m[3] ?? '0');
  return m[1] === '-' ? -abs : abs;
}
