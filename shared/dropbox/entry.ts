/**
 * The batch screen's rules, judged as the clerk types: opening a batch, reading the scan field, judging
 * a check, spotting a stub scanned twice. Every message starts with the label of its field.
 */
import type { Account } from '../accounts/account';
import { formatAccountNumber, parseAccountEntry, type AccountNumber } from '../accounts/account-number';
import { compare, formatMoney, money, parseMoneyInput, toMoneyString, ZERO, type MoneyString } from '../money/money';
import { CARD_NUMBER_MESSAGE, containsCardNumber } from '../payments/card-guard';
import { tenderRuleError } from '../payments/payment';
import type { UtilityProfile } from '../profiles/schema';
import { dateInZone, itemTender, matchOf, MAX_DROPBOX_ITEMS, samePerson, type DropBoxItem } from './batch';

/** The labels the screen shows; messages start with them so the clerk knows which field to fix. */
export const LABEL = {
  retrievalDate: 'Retrieval date',
  retrievalTime: 'Retrieval time',
  firstPerson: 'First person',
  secondPerson: 'Second person',
  controlCount: 'Control count',
  controlTotal: 'Control total',
  scan: 'Scan or account number',
  amount: 'Check amount',
  checkNumber: 'Check number',
  payerName: 'Payer name',
  note: 'Note',
} as const;

export type OpeningDraft = {
  retrievalDate: string;
  retrievalTime: string;
  firstPerson: string;
  secondPerson: string;
  controlCount: string;
  controlTotal: string;
};
export type OpeningField = keyof OpeningDraft;
export type FieldError<F extends string> = { field: F; message: string };

export type Opening = {
  retrievedAt: string;
  retrievalDate: string;
  emptiedBy: [string, string];
  controlCount: number;
  controlTotal: MoneyString;
};

/** How far back a retrieval may be: a box emptied before a long weekend is entered after it. */
export const OLDEST_RETRIEVAL_DAYS = 14;

/** Minutes east of UTC of `timeZone` at a moment ("GMT-08:00" → -480). */
export function offsetMinutes(at: number, timeZone: string): number {
  const name =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * A wall-clock date and time in a time zone as an ISO timestamp with that zone's offset
 * ("2026-11-22", "07:30", "America/Los_Angeles" → "2026-11-22T07:30:00-08:00"). Null for a time the
 * clocks skip (the spring-forward hour).
 */
export function zonedTimestamp(date: string, time: string, timeZone: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  let offset = offsetMinutes(wall, timeZone);
  const again = offsetMinutes(wall - offset * 60_000, timeZone);
  if (again !== offset) offset = again;
  const at = wall - offset * 60_000;
  const iso = `${date}T${time}:00${offsetText(offset)}`;
  // The spring-forward gap: the wall clock never showed this time.
  if (Date.parse(iso) !== at || dateInZone(iso, timeZone) !== date || wallTime(at, timeZone) !== time) return null;
  return iso;
}

function wallTime(at: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(at));
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('hour')}:${get('minute')}`;
}

/** "2026-11-22" names a real day ("2026-02-30" does not). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** Today's date on the center's wall clock, for the opening form's default. */
export function todayIn(timeZone: string, now = new Date()): string {
  return dateInZone(now.toISOString(), timeZone);
}

/** Judges the opening form against the profile's time zone and the clock. */
export function judgeOpening(
  draft: OpeningDraft,
  profile: UtilityProfile,
  now: Date = new Date(),
): { ok: true; value: Opening } | { ok: false; errors: FieldError<OpeningField>[] } {
  const errors: FieldError<OpeningField>[] = [];
  const fail = (field: OpeningField, rule: string) => errors.push({ field, message: `${LABEL[field]}: ${rule}` });
  const tz = profile.center.timeZone;

  let retrievedAt: string | null = null;
  const dateOk = isCalendarDate(draft.retrievalDate.trim());
  const timeOk = /^([01]\d|2[0-3]):[0-5]\d$/.test(draft.retrievalTime.trim());
  if (!dateOk) fail('retrievalDate', 'enter the date the box was emptied');
  if (!timeOk) fail('retrievalTime', 'enter the time the box was emptied, like 07:30');
  if (dateOk && timeOk) {
    retrievedAt = zonedTimestamp(draft.retrievalDate.trim(), draft.retrievalTime.trim(), tz);
    if (retrievedAt === null) fail('retrievalTime', `${draft.retrievalTime} did not exist that day (the clocks moved forward); check the time`);
    else if (Date.parse(retrievedAt) > now.getTime() + 60_000) fail('retrievalTime', 'is later than now; enter when the box was emptied');
    else if (Date.parse(retrievedAt) < now.getTime() - OLDEST_RETRIEVAL_DAYS * 86_400_000) {
      fail('retrievalDate', `is more than ${OLDEST_RETRIEVAL_DAYS} days ago; check the date on the tape`);
    }
  }

  const person = (field: 'firstPerson' | 'secondPerson', raw: string): string | null => {
    const name = raw.trim().replace(/\s+/g, ' ');
    if (name === '') return fail(field, 'enter the name of a person who emptied the box'), null;
    if (name.length > 60) return fail(field, 'keep the name under 60 characters'), null;
    if (containsCardNumber(name)) return fail(field, CARD_NUMBER_MESSAGE), null;
    return name;
  };
  const first = person('firstPerson', draft.firstPerson);
  const second = person('secondPerson', draft.secondPerson);
  if (first !== null && second !== null && samePerson(first, second)) {
    fail('secondPerson', 'must be someone other than the first person: two people empty the drop box');
  }

  const countText = draft.controlCount.trim();
  let controlCount: number | null = null;
  if (!/^[0-9]{1,5}$/.test(countText)) fail('controlCount', 'enter the number of checks on the tape, like 25');
  else {
    controlCount = Number(countText);
    if (controlCount < 1) fail('controlCount', 'must be at least 1 check');
    else if (controlCount > MAX_DROPBOX_ITEMS) fail('controlCount', `a batch holds at most ${MAX_DROPBOX_ITEMS} checks; split the tape into batches`);
  }

  let controlTotal: MoneyString | null = null;
  const total = readAmount(draft.controlTotal);
  if (!total.ok) fail('controlTotal', total.message);
  else controlTotal = total.value;

  if (errors.length > 0 || retrievedAt === null || first === null || second === null || controlCount === null || controlTotal === null) {
    return { ok: false, errors };
  }
  return { ok: true, value: { retrievedAt, retrievalDate: draft.retrievalDate.trim(), emptiedBy: [first, second], controlCount, controlTotal } };
}

/** An amount a clerk keys from a check or a tape: more than zero, at most two decimals, never negative. */
export function readAmount(raw: string): { ok: true; value: MoneyString } | { ok: false; message: string } {
  const s = raw.trim();
  if (/^\$?\s*-/.test(s)) return { ok: false, message: 'cannot be negative; key the amount as written, like 182.40' };
  const r = parseMoneyInput(s);
  if (!r.ok) return r;
  if (money(r.value).isZero()) return { ok: false, message: 'must be more than $0.00' };
  return r;
}

export type ScanRead =
  | { ok: true; kind: 'scan'; account: AccountNumber; amountDue: MoneyString }
  | { ok: true; kind: 'account'; account: AccountNumber }
  | { ok: false; message: string };

/** What the scan field holds: a stub's scan line (check digit checked) or an account number as the profile writes it. */
export function readScanField(raw: string, profile: UtilityProfile): ScanRead {
  const r = parseAccountEntry(raw, profile.accountNumber);
  if (r.ok) return r;
  return { ok: false, message: r.message.replace(/^Account number:/, `${LABEL.scan}:`) };
}

/** What the clerk is entering: a check for an account that was found, or an exception (no account matched). */
export type EntryTarget =
  | { kind: 'account'; account: Account; entry: 'scan' | 'typed'; amountDue: MoneyString | null }
  | { kind: 'exception'; accountNumber: string | null };

export type ItemDraft = { amount: string; checkNumber: string; payerName: string; note: string };
export type ItemField = keyof ItemDraft;

/** A judged check, ready to store (the id, number and time are added when it is stored). */
export type JudgedItem =
  | Omit<Extract<DropBoxItem, { kind: 'applied' }>, 'id' | 'n' | 'enteredAt'>
  | Omit<Extract<DropBoxItem, { kind: 'exception' }>, 'id' | 'n' | 'enteredAt'>
  | Omit<Extract<DropBoxItem, { kind: 'set_aside' }>, 'id' | 'n' | 'enteredAt'>;

/** What the stub (scan) or the balance (typed) asks for: the figure a partial or over is judged against. */
export function amountDueFor(account: Account, scanned: MoneyString | null): MoneyString | null {
  if (scanned !== null) return scanned;
  const balance = money(account.balance);
  return compare(balance, ZERO) > 0 ? toMoneyString(balance) : null;
}

/**
 * Judges a check against its target and the profile. A check the utility will not take comes back as a
 * set-aside item with the reason, for the clerk to confirm; field errors come back named.
 */
export function judgeItem(
  target: EntryTarget,
  draft: ItemDraft,
  profile: UtilityProfile,
): { ok: true; item: JudgedItem; setAside: string | null } | { ok: false; errors: FieldError<ItemField>[] } {
  const errors: FieldError<ItemField>[] = [];
  const fail = (field: ItemField, rule: string) => errors.push({ field, message: `${LABEL[field]}: ${rule}` });

  const amount = readAmount(draft.amount);
  if (!amount.ok) fail('amount', amount.message);
  const number = draft.checkNumber.trim();
  if (number === '') fail('checkNumber', 'a check needs its check number');
  else if (!/^[0-9]{1,10}$/.test(number)) fail('checkNumber', 'use the digits of the check number (1 to 10)');

  let payerName = '';
  let note = '';
  if (target.kind === 'exception') {
    payerName = draft.payerName.trim().replace(/\s+/g, ' ');
    note = draft.note.trim().replace(/\s+/g, ' ');
    if (payerName === '') fail('payerName', 'enter the name printed on the check, so the payment can be found later');
    else if (payerName.length > 100) fail('payerName', 'keep it under 100 characters');
    else if (containsCardNumber(payerName)) fail('payerName', CARD_NUMBER_MESSAGE);
    if (note === '') fail('note', 'say what is missing (no stub, no account number, number not found)');
    else if (note.length > 200) fail('note', 'keep it under 200 characters');
    else if (containsCardNumber(note)) fail('note', CARD_NUMBER_MESSAGE);
  }
  if (!amount.ok || errors.length > 0) return { ok: false, errors };
  const checkNumber = number;

  if (target.kind === 'exception') {
    return { ok: true, item: { kind: 'exception', amount: amount.value, checkNumber, accountNumber: target.accountNumber, payerName, note }, setAside: null };
  }
  const a = target.account;
  const shown = formatAccountNumber(a.number, profile.accountNumber);
  const refused = tenderRuleError([itemTender({ amount: amount.value, checkNumber })], profile);
  const reason =
    a.status === 'closed'
      ? `account ${shown} is closed; payments are not taken for it`
      : refused
        ? refused.replace(/^tenders\.0(\.\w+)?: /, '')
        : null;
  if (reason !== null) {
    return { ok: true, item: { kind: 'set_aside', amount: amount.value, checkNumber, accountNumber: a.number, reason }, setAside: reason };
  }
  return {
    ok: true,
    item: {
      kind: 'applied',
      amount: amount.value,
      checkNumber,
      accountNumber: a.number,
      entry: target.entry,
      amountDue: target.amountDue,
      match: matchOf(amount.value, target.amountDue),
    },
    setAside: null,
  };
}

/**
 * The same stub scanned again: an applied item of this batch read from a stub with the same account and
 * amount due (the scan line is those two and a check digit). Returns the warning, or null.
 */
export function duplicateStub(items: readonly DropBoxItem[], account: string, amountDue: MoneyString, profile: UtilityProfile): string | null {
  const prior = items.find((i) => i.kind === 'applied' && i.entry === 'scan' && i.accountNumber === account && i.amountDue === amountDue);
  if (!prior) return null;
  return `${LABEL.scan}: this stub (${formatAccountNumber(account, profile.accountNumber)}, ${formatMoney(amountDue)}) was already scanned as item ${prior.n}. Press Enter to enter it again anyway, or Escape to clear it.`;
}

/** The same check entered twice: the same account and check number already in the batch. Returns the warning, or null. */
export function duplicateCheck(items: readonly DropBoxItem[], account: string | null, checkNumber: string, profile: UtilityProfile): string | null {
  if (account === null) return null;
  const prior = items.find((i) => i.accountNumber === account && i.checkNumber === checkNumber.trim());
  if (!prior) return null;
  return `${LABEL.checkNumber}: check ${checkNumber.trim()} for ${formatAccountNumber(account, profile.accountNumber)} is already item ${prior.n}. Press Enter to add it anyway, or correct the check number.`;
}
