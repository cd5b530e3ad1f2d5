/** Sample documents for the receipt tests, for every shipped profile, and ways to read print items back. */
import type { Account } from '../../../../shared/accounts/account';
import type { Payment } from '../../../../shared/payments/payment';
import type { Void } from '../../../../shared/payments/void';
import type { UtilityProfile } from '../../../../shared/profiles/schema';
import type { PosPrintItem } from '../../../../shared/receipt/print-data';
import { PAYMENT_ID, sampleAccount, samplePayment, type Loose } from '../fixtures';

/** The account number of a profile's n-th sample account: "1000000001" for PWB, "100000001" for WES... */
export function numberFor(profile: UtilityProfile, n: number): string {
  return `1${String(n).padStart(profile.accountNumber.digits - 1, '0')}`;
}

export function accountFor(profile: UtilityProfile, n: number, overrides: Loose<Account> = {}): Account {
  return sampleAccount({ utility: profile.id, number: numberFor(profile, n), ...overrides });
}

/** The standing that brings out each profile's notices: PWB restoration, WES certified, Portsmouth final bill. */
function firstStanding(profile: UtilityProfile): Loose<Account> {
  if (profile.restoration) return { status: 'shut_off', shutOffsLast12Months: 2 };
  if (profile.certified) return { status: 'certified', certifiedAmount: '412.08' };
  return { status: 'final_billed', dueDate: null };
}

/**
 * Everything a receipt can hold at once: two accounts with long names and addresses (one paid past its
 * balance, so part stays as credit), every kind of tender with the profile's first card brand, and a memo.
 */
export function richCase(profile: UtilityProfile): { payment: Payment; accounts: Record<string, Account> } {
  const first = accountFor(profile, 1, {
    name: 'Dmitri Alexandrovich Sokolov-Petrov',
    serviceAddress: '8812 SE Foster Rd, Apt 14B, Portland, OR 97266',
    balance: '412.70',
    pastDue: '412.70',
    ...firstStanding(profile),
  });
  const second = accountFor(profile, 2, { name: 'Nguyễn Thị Minh Khai', serviceAddress: '1234 NE Alberta St, Portland, OR 97211', balance: '50.00' });
  const payment = samplePayment({
    utility: profile.id,
    lines: [
      { accountNumber: first.number, amount: '250.00' },
      { accountNumber: second.number, amount: '82.40' },
    ],
    tenders: [
      { kind: 'cash', bills: '20.00', coins: '4.75' },
      { kind: 'check', amount: '100.00', checkNumber: '1234567890', routingNumber: '011000015' },
      { kind: 'money_order', amount: '100.00', serial: 'MO-55221087' },
      { kind: 'card', amount: '112.40', brand: profile.tenders.card.brands[0] ?? 'Visa', last4: '4242', approvalCode: 'APPR77' },
    ],
    total: '332.40',
    tendered: '337.15',
    change: '4.75',
    memo: 'Customer asked for a payment arrangement call-back.',
  });
  return { payment, accounts: { [first.number]: first, [second.number]: second } };
}

/** Cash and a check over two PWB accounts: the split-tender receipt of the snapshots. */
export function splitCase(): { payment: Payment; accounts: Record<string, Account> } {
  const payment = samplePayment({
    lines: [
      { accountNumber: '1000000001', amount: '100.00' },
      { accountNumber: '1000000002', amount: '82.40' },
    ],
    tenders: [
      { kind: 'cash', bills: '40.00', coins: '0.00' },
      { kind: 'check', amount: '150.00', checkNumber: '1042', routingNumber: null },
    ],
    total: '182.40',
    tendered: '190.00',
    change: '7.60',
  });
  const accounts = {
    '1000000001': sampleAccount({ balance: '100.00' }),
    '1000000002': sampleAccount({ number: '1000000002', name: 'Lê Văn Tâm', serviceAddress: '5520 SE Powell Blvd, Portland, OR 97206', balance: '50.00' }),
  };
  return { payment, accounts };
}

export const VOID_ID = '0195939b-0000-7abc-8def-0123456789ac';

export function sampleVoid(overrides: Loose<Void> = {}): Void {
  return {
    id: VOID_ID,
    paymentId: PAYMENT_ID,
    utility: 'pwb',
    stationId: 'wic-1',
    cashier: 'jdoe',
    approvedBy: 'msmith',
    reason: 'Applied to the wrong account; the customer pays 1000000002.',
    drawerSessionId: 'drawer-2025-03-14-wic-1',
    takenAt: '2025-03-14T17:20:00.000Z',
    ...overrides,
  } as Void;
}

/** What a text item shows: tags gone (a row's two spans read with a space between), entities read back. */
export function visibleText(item: PosPrintItem): string {
  if (item.type !== 'text') return '';
  return item.value
    .replace(/<\/span><span>/g, ' ')
    .replace(/<\/?span>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const WIDE_CHAR = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** Words as a reader sees them: split at spaces, and each CJK character a word of its own. */
export function wordsOf(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/[ \t\n]+/)
    .flatMap((w) => w.split(new RegExp(`(?<=${WIDE_CHAR.source})|(?=${WIDE_CHAR.source})`)))
    .filter((w) => w !== '');
}

/** The words of `sources` that are missing from `printed`, counting repeats (a multiset difference). */
export function missingWords(sources: readonly string[], printed: readonly string[], width: number, columnsOf: (s: string) => number): string[] {
  const available = new Map<string, number>();
  for (const w of printed.flatMap(wordsOf)) available.set(w, (available.get(w) ?? 0) + 1);
  const missing: string[] = [];
  for (const w of sources.flatMap(wordsOf)) {
    // A word longer than a whole line cannot stay whole; those are checked on their own.
    if (columnsOf(w) > width) continue;
    const n = available.get(w) ?? 0;
    if (n === 0) missing.push(w);
    else available.set(w, n - 1);
  }
  return missing;
}
