/**
 * A drop-box batch: the checks two people took out of the after-hours drop box, entered against the
 * control count and total from their adding-machine tape. The station stores it, the journal records it
 * when it closes, and central posts it once (the batch id is the key, like a payment's).
 *
 * Every check in the box is an item of the batch, in one of three kinds, and every one counts towards
 * the control figures:
 * - applied: matched to an account; credited on the retrieval date (same-day credit, reliability.md's
 *   drop-box lesson), flagged partial or over when the check differs from what the stub (or the balance)
 *   asked for;
 * - exception: no account could be matched (none written, or not found); kept with the payer's name and a
 *   note, totalled apart, and sent to central as unapplied so nothing goes missing;
 * - set_aside: a check the utility does not accept (the profile's tender rules, a closed account); kept
 *   with the reason, not applied, to be returned.
 */
import { businessDay } from '../time/business-day';
import { z } from 'zod';
import { isoDateSchema, isoTimestampSchema } from '../accounts/account';
import { UUID_RE } from '../ids';
import { add, amountSchema, compare, money, moneyStringSchema, sub, toMoneyString, ZERO, type Money, type MoneyString } from '../money/money';
import { CARD_NUMBER_MESSAGE, containsCardNumber, findCardNumber } from '../payments/card-guard';
import { tenderRuleError, type Payment } from '../payments/payment';
import type { UtilityProfile } from '../profiles/schema';
import { fitsIn, idText, refinePlainText } from '../text/safe-text';

/** The most checks one batch holds; the screen stays quick at this size and a batch fits one request. */
export const MAX_DROPBOX_ITEMS = 2000;

const uuid = (what: string) => z.string().regex(UUID_RE, { message: `must be a UUID made when the ${what} started` });
const positiveMoney = amountSchema.refine((m) => !money(m).isZero(), { message: 'must be more than 0.00' });
/** A person's or payer's name as typed: trimmed, no card numbers. */
const nameText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .refine(fitsIn(max), { message: `must be at most ${max} characters` })
    .superRefine(refinePlainText)
    .refine((s) => !containsCardNumber(s), { message: CARD_NUMBER_MESSAGE });
const accountDigits = z.string().regex(/^[0-9]{4,20}$/, { message: 'must be the account number digits' });

const itemBase = {
  /** Made once, when the check is entered; an applied item is posted at central as a payment under this id. */
  id: uuid('item'),
  /** The item's number in the batch, in entry order (a removed item leaves its number unused). */
  n: z.number().int().min(1),
  amount: positiveMoney,
  checkNumber: z.string().regex(/^[0-9]{1,10}$/, { message: 'must be the check number, 1 to 10 digits' }),
  enteredAt: isoTimestampSchema,
};

export const appliedItemSchema = z.object({
  ...itemBase,
  kind: z.literal('applied'),
  accountNumber: accountDigits,
  /** How the account was read: the stub's scan line, or the number typed from the check. */
  entry: z.enum(['scan', 'typed']),
  /** What the stub asked for (scan), or the balance owed when the check was entered (typed); null if nothing was owed. */
  amountDue: moneyStringSchema.nullable(),
  /** The check against amountDue: null when there was nothing to compare with. */
  match: z.enum(['exact', 'partial', 'over']).nullable(),
});

export const exceptionItemSchema = z.object({
  ...itemBase,
  kind: z.literal('exception'),
  /** The number written on the check or stub that matched no account; null when there was none. */
  accountNumber: accountDigits.nullable(),
  payerName: nameText(100),
  note: nameText(200),
});

export const setAsideItemSchema = z.object({
  ...itemBase,
  kind: z.literal('set_aside'),
  accountNumber: accountDigits.nullable(),
  reason: z.string().trim().min(1).refine(fitsIn(300), { message: 'must be at most 300 characters' }).superRefine(refinePlainText),
});

export const dropBoxItemSchema = z.discriminatedUnion('kind', [appliedItemSchema, exceptionItemSchema, setAsideItemSchema]);
export type DropBoxItem = z.output<typeof dropBoxItemSchema>;
export type AppliedItem = z.output<typeof appliedItemSchema>;
export type ItemKind = DropBoxItem['kind'];
/** An item before the batch gives it its number. */
export type UnnumberedItem = DropBoxItem extends infer T ? (T extends DropBoxItem ? Omit<T, 'n'> : never) : never;

export const approvalSchema = z.object({
  /** The supervisor who approved closing a batch that does not balance (not the clerk). */
  by: idText,
  note: z
    .string()
    .trim()
    .min(3, { message: 'Note: say why the batch closes out of balance (3 characters or more)' })
    .refine(fitsIn(200), { message: 'Note: keep it under 200 characters' })
    .superRefine(refinePlainText)
    .refine((s) => !containsCardNumber(s), { message: `Note: ${CARD_NUMBER_MESSAGE}` }),
});
export type Approval = z.output<typeof approvalSchema>;

/** What the clerk opens a batch with. */
export const batchHeaderSchema = z.object({
  id: uuid('batch'),
  utility: idText,
  stationId: idText,
  /** The drop-box clerk who entered the batch. */
  clerk: idText,
  /** When the box was emptied, with the center's offset ("2026-11-22T07:30:00-08:00"). */
  retrievedAt: isoTimestampSchema,
  /** The posting date of every item: the retrieval date in the center's time zone. */
  retrievalDate: isoDateSchema,
  /** The two people who emptied the box (dual control), never the same person twice. */
  emptiedBy: z.tuple([nameText(60), nameText(60)]),
  controlCount: z.number().int().min(1).max(MAX_DROPBOX_ITEMS),
  controlTotal: positiveMoney,
  openedAt: isoTimestampSchema,
});
export type BatchHeader = z.output<typeof batchHeaderSchema>;

/** A closed batch as the journal records it and central receives it. */
export const dropBoxBatchSchema = batchHeaderSchema
  .extend({
    closedAt: isoTimestampSchema,
    /** Null for a batch that balances; a supervisor's approval and note for one that does not. */
    approval: approvalSchema.nullable(),
    items: z.array(dropBoxItemSchema).min(1).max(MAX_DROPBOX_ITEMS),
  })
  .superRefine((b, ctx) => {
    if (samePerson(b.emptiedBy[0], b.emptiedBy[1])) {
      ctx.addIssue({ code: 'custom', path: ['emptiedBy', 1], message: 'two different people empty the drop box' });
    }
    if (b.approval && samePerson(b.approval.by, b.clerk)) {
      ctx.addIssue({ code: 'custom', path: ['approval', 'by'], message: 'the clerk cannot approve their own batch' });
    }
    const ids = new Set<string>([b.id]);
    let lastN = 0;
    b.items.forEach((item, i) => {
      if (ids.has(item.id)) ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: 'each item has its own id' });
      ids.add(item.id);
      if (item.n <= lastN) ctx.addIssue({ code: 'custom', path: ['items', i, 'n'], message: 'items are numbered in entry order' });
      lastN = item.n;
    });
    // A full card number anywhere in a batch is a defect, as in a payment.
    const at = findCardNumber(b);
    if (at !== null) ctx.addIssue({ code: 'custom', path: at.split('.'), message: CARD_NUMBER_MESSAGE });
  });
export type DropBoxBatch = z.output<typeof dropBoxBatchSchema>;

/**
 * Whether two names are the same person's: what the eye cannot tell apart is the same (letter case, spacing,
 * invisible characters, full-width and other compatibility forms).
 */
export function samePerson(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').replace(/\p{Default_Ignorable_Code_Point}/gu, '').trim().toLowerCase().replace(/\s+/g, ' ');
  return norm(a) === norm(b);
}

export type Tally = { count: number; total: MoneyString };

export type BatchFigures = {
  /** Every item, whatever its kind: what the control figures count. */
  entered: Tally;
  applied: Tally;
  exceptions: Tally;
  setAside: Tally;
  partial: number;
  over: number;
  /** Control minus entered: positive while checks are still to enter. */
  countLeft: number;
  /** Signed: negative when more was entered than the tape says. */
  totalLeft: MoneyString;
  balanced: boolean;
};

function tally(items: readonly DropBoxItem[]): Tally {
  return { count: items.length, total: toMoneyString(add(...items.map((i) => money(i.amount)))) };
}

/** The running figures against the control count and total. */
export function batchFigures(control: { controlCount: number; controlTotal: string }, items: readonly DropBoxItem[]): BatchFigures {
  const entered = tally(items);
  const totalLeft = sub(money(control.controlTotal), money(entered.total));
  const countLeft = control.controlCount - entered.count;
  return {
    entered,
    applied: tally(items.filter((i) => i.kind === 'applied')),
    exceptions: tally(items.filter((i) => i.kind === 'exception')),
    setAside: tally(items.filter((i) => i.kind === 'set_aside')),
    partial: items.filter((i) => i.kind === 'applied' && i.match === 'partial').length,
    over: items.filter((i) => i.kind === 'applied' && i.match === 'over').length,
    countLeft,
    totalLeft: toMoneyString(totalLeft),
    balanced: countLeft === 0 && totalLeft.isZero(),
  };
}

/** The check against what was asked: exact, partial (less) or over (more); null when nothing was asked. */
export function matchOf(amount: Money | MoneyString, amountDue: MoneyString | null): AppliedItem['match'] {
  if (amountDue === null) return null;
  const c = compare(typeof amount === 'string' ? money(amount) : amount, money(amountDue));
  return c === 0 ? 'exact' : c < 0 ? 'partial' : 'over';
}

/** "2026-11-22": the calendar date of a moment on the wall clock of `timeZone`. */
export function dateInZone(iso: string, timeZone: string): string {
  return businessDay(new Date(iso), timeZone);
}

/** The check an applied item stands for, as the profile's tender rules judge it. */
export function itemTender(item: Pick<DropBoxItem, 'amount' | 'checkNumber'>) {
  return { kind: 'check' as const, amount: item.amount as MoneyString, checkNumber: item.checkNumber, routingNumber: null };
}

/**
 * The rules a closed batch keeps, judged the same way at the station and in central. Returns the first
 * broken rule as "field: rule", or null.
 */
export function batchRuleError(b: DropBoxBatch, profile: UtilityProfile): string | null {
  if (b.utility !== profile.id) return `utility: this station runs ${profile.id}, not ${b.utility}`;
  if (dateInZone(b.retrievedAt, profile.center.timeZone) !== b.retrievalDate) {
    return `retrievalDate: ${b.retrievalDate} is not the date of ${b.retrievedAt} in ${profile.center.timeZone}`;
  }
  // A minute's grace: the time is typed to the minute.
  if (Date.parse(b.retrievedAt) > Date.parse(b.openedAt) + 60_000) return 'retrievedAt: the box was emptied after the batch was opened';
  if (Date.parse(b.closedAt) < Date.parse(b.openedAt)) return 'closedAt: the batch closed before it was opened';
  for (const [i, item] of b.items.entries()) {
    if (item.kind !== 'applied') continue;
    const refused = tenderRuleError([itemTender(item)], profile);
    if (refused) {
      const m = /^tenders\.0(?:\.(\w+))?: (.*)$/.exec(refused);
      return `items.${i}.${m?.[1] ?? 'amount'}: ${m?.[2] ?? refused}`;
    }
    if (item.match !== matchOf(item.amount, item.amountDue)) return `items.${i}.match: must be ${String(matchOf(item.amount, item.amountDue))} for ${item.amount} against ${String(item.amountDue)}`;
  }
  const f = batchFigures(b, b.items);
  if (!f.balanced && b.approval === null) {
    return `approval: the batch does not balance (${f.entered.count} items, ${f.entered.total} against ${b.controlCount}, ${b.controlTotal}) and no supervisor approved closing it`;
  }
  return null;
}

/** A stable text of a batch's contents: central compares it to tell a resend from a conflict. */
export function canonicalBatch(b: DropBoxBatch): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as Record<string, unknown>)
          .sort()
          .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return JSON.stringify(sortKeys(dropBoxBatchSchema.parse(b)));
}

/**
 * An applied item as the payment central posts: one check for one account, taken at the retrieval time
 * (so its posting date is the retrieval date), by the clerk, in no drawer.
 */
export function itemPayment(b: DropBoxBatch, item: AppliedItem): Payment {
  return {
    id: item.id,
    utility: b.utility,
    stationId: b.stationId,
    cashier: b.clerk,
    drawerSessionId: null,
    takenAt: b.retrievedAt,
    lines: [{ accountNumber: item.accountNumber, amount: item.amount }],
    tenders: [itemTender(item)],
    total: item.amount,
    tendered: item.amount,
    change: toMoneyString(ZERO),
    memo: `Drop box emptied ${b.retrievalDate}, batch item ${item.n}`,
  };
}
