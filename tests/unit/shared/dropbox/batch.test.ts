/** A closed batch: its schema, the running figures against the control, the rules central and the station share, and its report. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { add, money, toMoneyString, type MoneyString } from '../../../../shared/money/money';
import { paymentRuleError, paymentSchema } from '../../../../shared/payments/payment';
import { portlandWaterBureau, portsmouth } from '../../../../shared/profiles';
import {
  batchFigures,
  batchRuleError,
  canonicalBatch,
  dropBoxBatchSchema,
  samePerson,
  itemPayment,
  type AppliedItem,
  type DropBoxBatch,
  type DropBoxItem,
} from '../../../../shared/dropbox/batch';
import { batchReportText } from '../../../../shared/dropbox/report';
import { columns, PAPER } from '../../../../shared/receipt/layout';

const m = (s: string) => s as MoneyString;
const id = (n: number) => `01936f4e-8a2b-7c3d-9e4f-${String(n).padStart(12, '0')}`;
const at = '2026-11-23T16:01:00.000Z';

const appliedItem = (n: number, amount: string, amountDue: string | null, match: AppliedItem['match']): DropBoxItem => ({
  id: id(n),
  n,
  kind: 'applied',
  amount: m(amount),
  checkNumber: String(1000 + n),
  enteredAt: at,
  accountNumber: `100000000${n % 10}`,
  entry: 'scan',
  amountDue: amountDue === null ? null : m(amountDue),
  match,
});

const ITEMS: DropBoxItem[] = [
  appliedItem(1, '182.40', '182.40', 'exact'),
  appliedItem(2, '50.00', '96.15', 'partial'),
  appliedItem(3, '500.00', '412.70', 'over'),
  { id: id(4), n: 4, kind: 'exception', amount: m('25.00'), checkNumber: '77', enteredAt: at, accountNumber: null, payerName: 'Jane Roe', note: 'no stub, no account number' },
  { id: id(5), n: 5, kind: 'set_aside', amount: m('40.00'), checkNumber: '78', enteredAt: at, accountNumber: '1000000005', reason: 'account 1000000005 is closed; payments are not taken for it' },
];

function aBatch(over: Partial<Record<keyof DropBoxBatch, unknown>> = {}): DropBoxBatch {
  return dropBoxBatchSchema.parse({
    id: id(100),
    utility: 'pwb',
    stationId: 'wic-1',
    clerk: 'dropbox1',
    retrievedAt: '2026-11-23T07:30:00-08:00',
    retrievalDate: '2026-11-23',
    emptiedBy: ['Ann Lee', 'Bo Diaz'],
    controlCount: 5,
    controlTotal: '797.40',
    openedAt: '2026-11-23T16:00:00.000Z',
    closedAt: '2026-11-23T16:30:00.000Z',
    approval: null,
    items: ITEMS,
    ...over,
  });
}

describe('balancing', () => {
  it('counts every check against the control, with applied, exceptions and set aside totalled apart', () => {
    expect(batchFigures({ controlCount: 5, controlTotal: '797.40' }, ITEMS)).toEqual({
      entered: { count: 5, total: '797.40' },
      applied: { count: 3, total: '732.40' },
      exceptions: { count: 1, total: '25.00' },
      setAside: { count: 1, total: '40.00' },
      partial: 1,
      over: 1,
      countLeft: 0,
      totalLeft: '0.00',
      balanced: true,
    });
  });

  it('says what is left while checks are still to enter, and how far over when more was entered', () => {
    const short = batchFigures({ controlCount: 6, controlTotal: '800.00' }, ITEMS);
    expect([short.countLeft, short.totalLeft, short.balanced]).toEqual([1, '2.60', false]);
    const over = batchFigures({ controlCount: 5, controlTotal: '700.00' }, ITEMS);
    expect([over.countLeft, over.totalLeft, over.balanced]).toEqual([0, '-97.40', false]);
    expect(batchFigures({ controlCount: 1, controlTotal: '1.00' }, []).entered).toEqual({ count: 0, total: '0.00' });
  });

  it('balances exactly when the count and the total both match, whatever the amounts', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: -2, max: 2 }), (cents, skew) => {
        const items = cents.map((c, i) => appliedItem(i + 1, (c / 100).toFixed(2), null, null));
        const total = toMoneyString(add(...items.map((i) => money(i.amount))));
        const f = batchFigures({ controlCount: items.length, controlTotal: toMoneyString(money(total).plus(skew)) }, items);
        expect(f.balanced).toBe(skew === 0);
        expect(f.entered.total).toBe(total);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the batch schema and rules', () => {
  it('keeps a balanced batch and refuses one out of balance without a supervisor', () => {
    expect(batchRuleError(aBatch(), portlandWaterBureau)).toBeNull();
    expect(batchRuleError(aBatch({ controlCount: 6 }), portlandWaterBureau)).toBe(
      'approval: the batch does not balance (5 items, 797.40 against 6, 797.40) and no supervisor approved closing it',
    );
    expect(batchRuleError(aBatch({ controlCount: 6, approval: { by: 'supervisor1', note: 'tape miscounted' } }), portlandWaterBureau)).toBeNull();
  });

  it('refuses one person twice, the clerk approving their own batch, items out of order, and a card number', () => {
    const issue = (over: Partial<Record<keyof DropBoxBatch, unknown>>) => dropBoxBatchSchema.safeParse({ ...aBatch(), ...over }).error?.issues[0];
    expect(issue({ emptiedBy: ['Ann Lee', 'ANN  LEE'] })).toMatchObject({ path: ['emptiedBy', 1], message: 'two different people empty the drop box' });
    expect(issue({ approval: { by: 'dropbox1', note: 'fine' } })).toMatchObject({ path: ['approval', 'by'], message: 'the clerk cannot approve their own batch' });
    expect(issue({ items: [ITEMS[1], ITEMS[0]] })).toMatchObject({ path: ['items', 1, 'n'] });
    expect(issue({ items: [ITEMS[0], { ...ITEMS[1], id: ITEMS[0]!.id }] })).toMatchObject({ path: ['items', 1, 'id'] });
    expect(issue({ items: [{ ...ITEMS[3], note: 'card 4111 1111 1111 1111' }] })?.message).toMatch(/card numbers are not recorded/);
    expect(issue({ items: [{ ...ITEMS[0], amount: '0.00' }] })).toMatchObject({ path: ['items', 0, 'amount'] });
    expect(issue({ items: [] })).toMatchObject({ path: ['items'] });
  });

  it('refuses a posting date that is not the retrieval date in the center’s zone, and a flag that does not fit the amounts', () => {
    expect(batchRuleError(aBatch({ retrievedAt: '2026-11-23T07:30:00.000Z' }), portlandWaterBureau)).toBe(
      'retrievalDate: 2026-11-23 is not the date of 2026-11-23T07:30:00.000Z in America/Los_Angeles',
    );
    // 23:30 in New York is already the next day in UTC; the date is New York's.
    expect(
      batchRuleError(aBatch({ utility: 'portsmouth', retrievedAt: '2026-11-22T23:30:00-05:00', retrievalDate: '2026-11-22', openedAt: '2026-11-23T14:00:00.000Z', items: [{ ...ITEMS[3] }], controlCount: 1, controlTotal: '25.00' }), portsmouth),
    ).toBeNull();
    expect(batchRuleError(aBatch({ items: [{ ...ITEMS[1], match: 'exact' }, ...ITEMS.slice(2).map((i) => ({ ...i, n: i.n + 5 }))] }), portlandWaterBureau)).toBe(
      'items.0.match: must be partial for 50.00 against 96.15',
    );
    expect(batchRuleError(aBatch({ retrievedAt: '2026-11-23T08:30:00-08:00' }), portlandWaterBureau)).toBe('retrievedAt: the box was emptied after the batch was opened');
    expect(batchRuleError(aBatch(), portsmouth)).toBe('utility: this station runs portsmouth, not pwb');
  });

  it('turns an applied item into a payment taken at the retrieval time that central’s payment rules accept', () => {
    const b = aBatch();
    const p = paymentSchema.parse(itemPayment(b, b.items[1] as AppliedItem));
    expect(p).toMatchObject({
      id: id(2),
      takenAt: '2026-11-23T07:30:00-08:00',
      cashier: 'dropbox1',
      drawerSessionId: null,
      lines: [{ accountNumber: '1000000002', amount: '50.00' }],
      tenders: [{ kind: 'check', amount: '50.00', checkNumber: '1002', routingNumber: null }],
      total: '50.00',
      tendered: '50.00',
      change: '0.00',
      memo: 'Drop box emptied 2026-11-23, batch item 2',
    });
    expect(paymentRuleError(p, portlandWaterBureau)).toBeNull();
  });

  it('a canonical text that ignores key order and tells changed contents apart', () => {
    const b = aBatch();
    const reordered = Object.fromEntries(Object.entries(b).reverse()) as DropBoxBatch;
    expect(canonicalBatch(reordered)).toBe(canonicalBatch(b));
    expect(canonicalBatch({ ...b, controlTotal: m('797.41') })).not.toBe(canonicalBatch(b));
  });
});

describe('the batch report', () => {
  it.each(['58mm', '80mm'] as const)('lists the retrieval, the figures, every item and the exceptions apart, within %s', (paperWidth) => {
    const text = batchReportText({ batch: aBatch({ controlCount: 6, approval: { by: 'supervisor1', note: 'one check went back to the payer' } }), profile: portlandWaterBureau, stationName: 'Station 2', paperWidth, reference: 'B00000007' });
    // Read as one text: at 58 mm a long reason wraps over lines.
    const joined = text.map((l) => l.trim()).join(' ');
    for (const line of text) expect(columns(line)).toBeLessThanOrEqual(PAPER[paperWidth].columns);
    expect(joined).toContain('DROP-BOX BATCH REPORT');
    expect(joined).toContain('B00000007');
    expect(joined).toMatch(/Box emptied\s+11\/23\/2026, 07:30 AM/);
    expect(joined).toMatch(/Posting date\s+2026-11-23/);
    expect(joined).toContain('Ann Lee and Bo Diaz');
    expect(joined).toMatch(/OUT OF BALANCE Count difference\s+1 Total difference\s+\$0\.00/);
    expect(joined).toMatch(/Approved by\s+supervisor1/);
    expect(joined).toMatch(/Applied \(3\)\s+\$732\.40/);
    expect(joined).toMatch(/Exceptions \(1\)\s+\$25\.00/);
    expect(joined).toMatch(/2\. 1000000002 ck 1002 PARTIAL\s+\$50\.00/);
    expect(joined).toMatch(/5\. 1000000005 ck 78 SET ASIDE\s+\$40\.00/);
    expect(joined).toMatch(/4\. no account ck 77 EXCEPTION\s+\$25\.00/);
    expect(joined).toContain('Payer: Jane Roe');
    expect(joined).toContain('Reason: account 1000000005 is closed');
  });

  it('says BALANCED and Pending sync before central answered', () => {
    const text = batchReportText({ batch: aBatch(), profile: portlandWaterBureau, stationName: 'Station 2', paperWidth: '80mm', reference: null }).join('\n');
    expect(text).toContain('BALANCED');
    expect(text).toContain('Pending sync');
  });
});

describe('two people who empty the box (cases the fuzz found)', () => {
  it.each(['Ann\u200B Lee', 'ＡＮＮ ＬＥＥ', 'Ann\u00AD Lee'])('takes %j for Ann Lee, and refuses the batch at emptiedBy.1', (second) => {
    expect(samePerson('Ann Lee', second)).toBe(true);
    const r = dropBoxBatchSchema.safeParse({ ...aBatch(), emptiedBy: ['Ann Lee', second] });
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual(['emptiedBy.1']);
  });
});
