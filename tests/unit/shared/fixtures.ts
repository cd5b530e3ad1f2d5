/** Sample data shared by the shared/ unit tests: one PWB cash payment and the account it pays; accounts and drafts per profile. */
import { accountSchema, type Account } from '../../../shared/accounts/account';
import type { Payment } from '../../../shared/payments/payment';
import type { LineDraft, TenderDraft, TransactionDraft } from '../../../shared/payments/transaction';
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
    memo: '',
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
    beyondShutOff: false,
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

/** PWB's profile with another cash rule (coin limit, source, cash refused), as a utility would edit it. */
export function pwbWith(cash: { accepted?: boolean; coinLimit?: string | null; source?: { title: string } }): UtilityProfile {
  return utilityProfileSchema.parse({
    ...portlandWaterBureau,
    tenders: { ...portlandWaterBureau.tenders, cash: { ...portlandWaterBureau.tenders.cash, ...cash } },
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

/* ------------------------------------------------------------------------------------------------------------
 * Transactions (issue 3): sample accounts for each shipped profile, and drafts as the form hands them over.
 * ---------------------------------------------------------------------------------------------------------- */

/** An account of the given utility, checked by the account schema; the rest as central would send it. */
export function accountOf(utility: string, number: string, balance: string, overrides: Loose<Account> = {}): Account {
  return accountSchema.parse(sampleAccount({ utility, number, balance, pastDue: '0.00', ...overrides }));
}

/** Keyed by number, as judgeTransaction looks them up. */
export function byNumber(...accounts: Account[]): Record<string, Account> {
  return Object.fromEntries(accounts.map((a) => [a.number, a]));
}

/** Portland Water Bureau accounts (10 digits), one of each standing. */
export const PWB = {
  current: accountOf('pwb', '1000000001', '182.40'),
  pastDue: accountOf('pwb', '1000000002', '100.00', { status: 'past_due', pastDue: '100.00', dueDate: '2025-02-21' }),
  shutOffOnce: accountOf('pwb', '1000000003', '412.70', { status: 'shut_off', pastDue: '412.70', shutOffsLast12Months: 1 }),
  shutOffTwice: accountOf('pwb', '1000000004', '250.00', { status: 'shut_off', pastDue: '250.00', shutOffsLast12Months: 2 }),
  beyondShutOff: accountOf('pwb', '1000000005', '640.18', { status: 'shut_off', pastDue: '640.18', shutOffsLast12Months: 1, beyondShutOff: true }),
  finalBilled: accountOf('pwb', '1000000006', '58.20', { status: 'final_billed', dueDate: null }),
  credit: accountOf('pwb', '1000000007', '-12.00'),
  closed: accountOf('pwb', '1000000009', '0.00', { status: 'closed', dueDate: null }),
} as const;

/** Clackamas WES accounts (9 digits): one current, one certified to the county. */
export const WES = {
  current: accountOf('wes', '200000001', '96.50'),
  certified: accountOf('wes', '200000002', '96.50', { status: 'certified', pastDue: '0.00', certifiedAmount: '412.08' }),
  closed: accountOf('wes', '200000009', '0.00', { status: 'closed', dueDate: null }),
} as const;

/** City of Portsmouth accounts (12 digits, written xxxxxxxxxx-xx). */
export const PORTSMOUTH = {
  current: accountOf('portsmouth', '123456789012', '210.35'),
  second: accountOf('portsmouth', '123456789013', '75.00', { status: 'past_due', pastDue: '75.00' }),
  finalBilled: accountOf('portsmouth', '123456789014', '40.00', { status: 'final_billed', dueDate: null }),
  closed: accountOf('portsmouth', '123456789019', '0.00', { status: 'closed', dueDate: null }),
} as const;

export const pwbAccounts = byNumber(...Object.values(PWB));
export const wesAccounts = byNumber(...Object.values(WES));
export const portsmouthAccounts = byNumber(...Object.values(PORTSMOUTH));

/** A draft with nothing tendered yet; every field as the form holds it (strings, as typed). */
export function draftOf(overrides: Partial<TransactionDraft> = {}): TransactionDraft {
  return { lines: [], bills: '', coins: '', tenders: [], memo: '', confirmCredit: false, confirmCertified: false, ...overrides };
}

export const line = (accountNumber: string, amount: string): LineDraft => ({ accountNumber, amount });

export function checkDraft(amount: string, more: { checkNumber?: string; routingNumber?: string } = {}): TenderDraft {
  return { kind: 'check', amount, checkNumber: '1234', routingNumber: '', ...more };
}

export function moneyOrderDraft(amount: string, more: { serial?: string } = {}): TenderDraft {
  return { kind: 'money_order', amount, serial: 'MO-55221087', ...more };
}

export function cardDraft(amount: string, more: { brand?: string; last4?: string; approvalCode?: string } = {}): TenderDraft {
  return { kind: 'card', amount, brand: 'Visa', last4: '1111', approvalCode: 'A1B2C3', ...more };
}
