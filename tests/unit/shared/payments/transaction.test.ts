import { describe, expect, it } from 'vitest';
import { CARD_NUMBER_MESSAGE } from '../../../../shared/payments/card-guard';
import {
  describeRestoration,
  fieldLabel,
  judgeTransaction,
  restorationNeed,
  tenderPrefixes,
  transactionFormSchema,
  transactionProgress,
  type TenderDraft,
  type TransactionDraft,
} from '../../../../shared/payments/transaction';
import { clackamasWes, portlandWaterBureau, portsmouth } from '../../../../shared/profiles';
import type { UtilityProfile } from '../../../../shared/profiles/schema';
import type { Account } from '../../../../shared/accounts/account';
import type { MoneyString } from '../../../../shared/money/money';
import {
  PORTSMOUTH,
  PWB,
  WES,
  accountOf,
  cardDraft,
  checkDraft,
  draftOf,
  line,
  moneyOrderDraft,
  portsmouthAccounts,
  pwbAccounts,
  wesAccounts,
  type Loose,
} from '../fixtures';

const pwb = portlandWaterBureau;
const wes = clackamasWes;

const PWB_POLICY = 'Portland Water Bureau Account Management Policy';
const COIN_MESSAGE = `Coins: at most $5.00 in coin per payment (${PWB_POLICY}); take the rest in bills`;

const judgePwb = (d: Partial<TransactionDraft>) => judgeTransaction(draftOf(d), pwb, pwbAccounts);
const judgeWes = (d: Partial<TransactionDraft>) => judgeTransaction(draftOf(d), wes, wesAccounts);
const judgePortsmouth = (d: Partial<TransactionDraft>) => judgeTransaction(draftOf(d), portsmouth, portsmouthAccounts);

/** The one account of the PWB sample bill: $182.40 owed. */
const bill = [line(PWB.current.number, '182.40')];

describe('judgeTransaction: cash only, change to the cent, per profile', () => {
  it('PWB: $182.40 paid with $200 in bills gives $17.60 change', () => {
    expect(judgePwb({ lines: bill, bills: '200' })).toEqual({
      ok: true,
      value: {
        lines: [{ accountNumber: '1000000001', amount: '182.40' }],
        tenders: [{ kind: 'cash', bills: '200.00', coins: '0.00' }],
        total: '182.40',
        tendered: '200.00',
        change: '17.60',
        memo: '',
        credits: [],
        approver: null,
      },
    });
  });

  it('WES: $96.50 paid with $100 gives $3.50 change', () => {
    expect(judgeWes({ lines: [line(WES.current.number, '96.50')], bills: '100' })).toMatchObject({
      ok: true,
      value: { total: '96.50', tendered: '100.00', change: '3.50', tenders: [{ kind: 'cash', bills: '100.00', coins: '0.00' }] },
    });
  });

  it('Portsmouth (no coin limit): $210.35 paid with $200 in bills and $12.00 in coin gives $1.65 change', () => {
    expect(judgePortsmouth({ lines: [line(PORTSMOUTH.current.number, '210.35')], bills: '200', coins: '12' })).toMatchObject({
      ok: true,
      value: { total: '210.35', tendered: '212.00', change: '1.65', tenders: [{ kind: 'cash', bills: '200.00', coins: '12.00' }] },
    });
  });

  it('PWB: exactly $5.00 in coin is taken; $5.01 is refused with the policy', () => {
    expect(judgePwb({ lines: bill, bills: '177.40', coins: '5.00' })).toMatchObject({ ok: true, value: { change: '0.00' } });
    expect(judgePwb({ lines: bill, bills: '180', coins: '5.01' })).toEqual({ ok: false, errors: [{ path: 'coins', message: COIN_MESSAGE }] });
  });

  it('cash short of the total names Bills and what is still to take', () => {
    expect(judgePwb({ lines: bill, bills: '180', coins: '2.39' })).toEqual({
      ok: false,
      errors: [{ path: 'bills', message: 'Bills: cash tendered $182.39 is less than the amount $182.40; take $0.01 more' }],
    });
  });

  it('nothing tendered: take it in cash or add a tender', () => {
    expect(judgePwb({ lines: bill })).toEqual({
      ok: false,
      errors: [{ path: 'bills', message: 'Bills: take $182.40 in cash, or add a check, money order or card' }],
    });
    expect(judgePwb({ lines: bill, bills: '0', coins: '0.00' })).toEqual({
      ok: false,
      errors: [{ path: 'bills', message: 'Bills: take $182.40 in cash, or add a check, money order or card' }],
    });
  });

  it('no account looked up', () => {
    expect(judgePwb({ bills: '10' })).toEqual({ ok: false, errors: [{ path: 'lines.0.amount', message: 'Amount: look an account up first' }] });
    expect(judgePwb({ lines: [line('1000000099', '10')], bills: '10' })).toEqual({
      ok: false,
      errors: [{ path: 'lines.0.amount', message: 'Amount: look the account up first' }],
    });
  });
});

describe('judgeTransaction: checks', () => {
  it('one check paying two bills, split by the cashier: 100.00 + 82.40 = 182.40, change 0.00', () => {
    const r = judgePwb({ lines: [line(PWB.pastDue.number, '100.00'), line(PWB.current.number, '82.40')], tenders: [checkDraft('182.40', { checkNumber: '5521', routingNumber: '021000021' })] });
    expect(r).toEqual({
      ok: true,
      value: {
        lines: [
          { accountNumber: '1000000002', amount: '100.00' },
          { accountNumber: '1000000001', amount: '82.40' },
        ],
        tenders: [{ kind: 'check', amount: '182.40', checkNumber: '5521', routingNumber: '021000021' }],
        total: '182.40',
        tendered: '182.40',
        change: '0.00',
        memo: '',
        credits: [],
        approver: null,
      },
    });
  });

  it('cash and a check over two accounts: change comes from the cash', () => {
    const r = judgePwb({
      lines: [line(PWB.pastDue.number, '100.00'), line(PWB.current.number, '82.40')],
      bills: '40',
      coins: '2.40',
      tenders: [checkDraft('150.00')],
    });
    expect(r).toMatchObject({
      ok: true,
      value: {
        tenders: [
          { kind: 'cash', bills: '40.00', coins: '2.40' },
          { kind: 'check', amount: '150.00', checkNumber: '1234', routingNumber: null },
        ],
        total: '182.40',
        tendered: '192.40',
        change: '10.00',
      },
    });
  });

  it('an empty routing number is recorded as none', () => {
    expect(judgePwb({ lines: bill, tenders: [checkDraft('182.40', { routingNumber: '   ' })] })).toMatchObject({
      ok: true,
      value: { tenders: [{ kind: 'check', routingNumber: null }] },
    });
  });

  it('a check without its number is refused: "Check number: a check needs its check number"', () => {
    expect(judgePwb({ lines: bill, tenders: [checkDraft('182.40', { checkNumber: '' })] })).toEqual({
      ok: false,
      errors: [{ path: 'tenders.0.checkNumber', message: 'Check number: a check needs its check number' }],
    });
  });

  it.each(['12a4', '12345678901', '-1', '12 34'])('a check number %j is refused', (checkNumber) => {
    expect(judgePwb({ lines: bill, tenders: [checkDraft('182.40', { checkNumber })] })).toEqual({
      ok: false,
      errors: [{ path: 'tenders.0.checkNumber', message: 'Check number: use the digits of the check number (1 to 10)' }],
    });
  });

  it('a routing number failing its checksum is refused, saying it may be left empty', () => {
    expect(judgePwb({ lines: bill, tenders: [checkDraft('182.40', { routingNumber: '021000022' })] })).toEqual({
      ok: false,
      errors: [
        {
          path: 'tenders.0.routingNumber',
          message: 'Check routing number: fails its check digit (3-7-1); read it again from the bottom of the check (or leave it empty)',
        },
      ],
    });
  });

  it('a routing number with a prefix outside the Federal Reserve ranges is refused', () => {
    // 130000006: 1×3 + 3×7 + 6×1 = 30, a valid checksum, but 13 is not a routing prefix.
    expect(judgePwb({ lines: bill, tenders: [checkDraft('182.40', { routingNumber: '130000006' })] })).toEqual({
      ok: false,
      errors: [{ path: 'tenders.0.routingNumber', message: 'Check routing number: its first two digits must be 00-12, 21-32, 61-72 or 80 (or leave it empty)' }],
    });
  });

  it('the second check is named "Check 2" in every message', () => {
    const r = judgePwb({
      lines: bill,
      tenders: [checkDraft('100.00'), checkDraft('82.40', { checkNumber: '', routingNumber: '12345' })],
    });
    expect(r).toEqual({
      ok: false,
      errors: [
        { path: 'tenders.1.checkNumber', message: 'Check 2 number: a check needs its check number' },
        { path: 'tenders.1.routingNumber', message: 'Check 2 routing number: must be 9 digits (or leave it empty)' },
      ],
    });
  });

  it("a check over the profile's check limit is refused on that check; exactly the limit is taken", () => {
    const lowLimit: UtilityProfile = { ...pwb, tenders: { ...pwb.tenders, check: { ...pwb.tenders.check, maxAmount: '5000.00' as MoneyString } } };
    const big = [line(PWB.current.number, '6000.00')];
    expect(judgeTransaction(draftOf({ lines: big, tenders: [checkDraft('5000.01')], bills: '99.99', confirmCredit: true }), lowLimit, pwbAccounts)).toEqual({
      ok: false,
      errors: [{ path: 'tenders.0.amount', message: "Check total: a check can be for at most $5,000.00 (the MICR amount field's limit)" }],
    });
    expect(judgeTransaction(draftOf({ lines: big, tenders: [checkDraft('5000.00')], bills: '1000', confirmCredit: true, approver: '' }), lowLimit, pwbAccounts)).toMatchObject({
      ok: true,
      value: { total: '6000.00', tendered: '6000.00', change: '0.00' },
    });
  });

  it('the check limit that is refused is the one on the right check', () => {
    const lowLimit: UtilityProfile = { ...pwb, tenders: { ...pwb.tenders, check: { ...pwb.tenders.check, maxAmount: '5000.00' as MoneyString } } };
    const big = [line(PWB.current.number, '5050.00')];
    expect(judgeTransaction(draftOf({ lines: big, tenders: [checkDraft('50.00'), checkDraft('5000.01')], confirmCredit: true }), lowLimit, pwbAccounts)).toEqual({
      ok: false,
      errors: [{ path: 'tenders.1.amount', message: "Check 2 total: a check can be for at most $5,000.00 (the MICR amount field's limit)" }],
    });
  });
});

describe('judgeTransaction: money orders', () => {
  it('takes a money order with its serial', () => {
    expect(judgePwb({ lines: bill, tenders: [moneyOrderDraft('182.40', { serial: '19-0442871' })] })).toMatchObject({
      ok: true,
      value: { tenders: [{ kind: 'money_order', amount: '182.40', serial: '19-0442871' }], change: '0.00' },
    });
  });

  it.each(['', '   ', 'abc', 'MO 1234', 'A'.repeat(21)])('a money order serial %j is refused', (serial) => {
    expect(judgePwb({ lines: bill, tenders: [moneyOrderDraft('182.40', { serial })] })).toEqual({
      ok: false,
      errors: [{ path: 'tenders.0.serial', message: 'Money order serial number: enter the serial number printed on the money order (4 to 20 letters or digits)' }],
    });
  });
});

describe('judgeTransaction: cards', () => {
  it('PWB refuses American Express, naming Visa and Mastercard and the policy', () => {
    expect(judgePwb({ lines: bill, tenders: [cardDraft('182.40', { brand: 'American Express' })] })).toEqual({
      ok: false,
      errors: [{ path: 'tenders.0.brand', message: `Card brand: Portland Water Bureau takes Visa and Mastercard only (${PWB_POLICY})` }],
    });
  });

  it('Portsmouth takes American Express', () => {
    expect(judgePortsmouth({ lines: [line(PORTSMOUTH.current.number, '210.35')], tenders: [cardDraft('210.35', { brand: 'American Express', last4: '0005' })] })).toMatchObject({
      ok: true,
      value: { tenders: [{ kind: 'card', amount: '210.35', brand: 'American Express', last4: '0005', approvalCode: 'A1B2C3' }] },
    });
  });

  it('Portsmouth refuses Visa (its billing page names American Express, Discover and MasterCard)', () => {
    const r = judgePortsmouth({ lines: [line(PORTSMOUTH.current.number, '210.35')], tenders: [cardDraft('210.35', { brand: 'Visa' })] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.path).toBe('tenders.0.brand');
    expect(r.errors[0]?.message).toMatch(/^Card brand: City of Portsmouth Water & Sewer takes American Express.*Discover.*Mastercard only \(City of Portsmouth Water\/Sewer Billing Information\)$/);
  });

  it.each([
    [pwb, ['Visa', 'Mastercard'], ['American Express', 'Discover', 'visa', 'VISA ']],
    [wes, ['Visa', 'Mastercard', 'Discover'], ['American Express']],
    [portsmouth, ['American Express', 'Discover', 'Mastercard'], ['Visa']],
  ] as Array<[UtilityProfile, string[], string[]]>)('%# each profile takes exactly its brands', (profile, takes, refuses) => {
    const accounts = { [PWB.current.number]: accountOf(profile.id, PWB.current.number, '182.40') };
    const judge = (brand: string) => judgeTransaction(draftOf({ lines: bill, tenders: [cardDraft('182.40', { brand })] }), profile, accounts);
    for (const brand of takes) expect(judge(brand).ok, `${profile.id} ${brand}`).toBe(true);
    for (const brand of refuses) expect(judge(brand), `${profile.id} ${brand}`).toMatchObject({ ok: false, errors: [{ path: 'tenders.0.brand' }] });
  });

  it('the refused brand is named on the card that has it, not on another card of the same amount', () => {
    expect(judgePwb({ lines: bill, bills: '82.40', tenders: [cardDraft('50.00'), cardDraft('50.00', { brand: 'American Express' })] })).toEqual({
      ok: false,
      errors: [{ path: 'tenders.1.brand', message: `Card 2 brand: Portland Water Bureau takes Visa and Mastercard only (${PWB_POLICY})` }],
    });
  });

  it('no brand chosen', () => {
    expect(judgePwb({ lines: bill, tenders: [cardDraft('182.40', { brand: '' })] })).toEqual({
      ok: false,
      errors: [{ path: 'tenders.0.brand', message: 'Card brand: choose the card brand' }],
    });
  });

  it.each(['11111', '111', '', 'abcd', '1 11'])('last four %j is refused', (last4) => {
    expect(judgePwb({ lines: bill, tenders: [cardDraft('182.40', { last4 })] })).toEqual({
      ok: false,
      errors: [{ path: 'tenders.0.last4', message: 'Card last four: enter the last four digits on the card, nothing more' }],
    });
  });

  it.each(['', 'A', 'ABCDEFGHIJKLM', 'AB-12'])('approval code %j is refused', (approvalCode) => {
    expect(judgePwb({ lines: bill, tenders: [cardDraft('182.40', { approvalCode })] })).toEqual({
      ok: false,
      errors: [{ path: 'tenders.0.approvalCode', message: "Card approval code: enter the terminal's approval code (2 to 12 letters or digits)" }],
    });
  });

  it('change asked from a card-only payment is refused: no cash back, apply the extra as credit', () => {
    expect(judgePwb({ lines: bill, tenders: [cardDraft('200')] })).toEqual({
      ok: false,
      errors: [
        {
          path: 'lines.0.amount',
          message: 'Amount: checks, money orders and cards total $200.00, more than the $182.40 being paid; no cash back: apply the $17.60 extra as credit',
        },
      ],
    });
  });

  it('a check or money order over the total is refused the same way, even with cash beside it', () => {
    expect(judgePwb({ lines: bill, bills: '20', tenders: [checkDraft('100'), moneyOrderDraft('82.41')] })).toEqual({
      ok: false,
      errors: [
        {
          path: 'lines.0.amount',
          message: 'Amount: checks, money orders and cards total $182.41, more than the $182.40 being paid; no cash back: apply the $0.01 extra as credit',
        },
      ],
    });
  });

  it('cash and card: change up to the cash is given (card 150, bills 40 for 182.40: change 7.60)', () => {
    expect(judgePwb({ lines: bill, bills: '40', tenders: [cardDraft('150')] })).toEqual({
      ok: true,
      value: {
        lines: [{ accountNumber: '1000000001', amount: '182.40' }],
        tenders: [
          { kind: 'cash', bills: '40.00', coins: '0.00' },
          { kind: 'card', amount: '150.00', brand: 'Visa', last4: '1111', approvalCode: 'A1B2C3' },
        ],
        total: '182.40',
        tendered: '190.00',
        change: '7.60',
        memo: '',
        credits: [],
        approver: null,
      },
    });
  });

  it('cash and card: the change may be all of the cash, not a cent more', () => {
    expect(judgePwb({ lines: bill, bills: '20', tenders: [cardDraft('182.40')] })).toMatchObject({ ok: true, value: { change: '20.00' } });
    expect(judgePwb({ lines: bill, bills: '20', tenders: [cardDraft('182.41')] })).toMatchObject({ ok: false, errors: [{ path: 'lines.0.amount' }] });
  });
});

describe('judgeTransaction: overpayment becomes credit after the cashier confirms', () => {
  it('paying 200.00 on a 182.40 balance by card asks to confirm $17.60 of credit', () => {
    const over = { lines: [line(PWB.current.number, '200.00')], tenders: [cardDraft('200')] };
    expect(judgePwb(over)).toEqual({
      ok: false,
      errors: [{ path: 'confirmCredit', message: 'Overpayment: $17.60 on 1000000001 would stay as credit; confirm the credit with the customer' }],
    });
    expect(judgePwb({ ...over, confirmCredit: true })).toMatchObject({
      ok: true,
      value: { total: '200.00', tendered: '200.00', change: '0.00', credits: [{ accountNumber: '1000000001', amount: '17.60' }] },
    });
  });

  it('each account is credited its own part, to the cent; an account already in credit takes the whole amount as credit', () => {
    const draft = {
      lines: [line(PWB.current.number, '182.41'), line(PWB.credit.number, '10.00'), line(PWB.pastDue.number, '99.99')],
      tenders: [checkDraft('292.40')],
    };
    expect(judgePwb(draft)).toEqual({
      ok: false,
      errors: [
        {
          path: 'confirmCredit',
          message: 'Overpayment: $0.01 on 1000000001, $10.00 on 1000000007 would stay as credit; confirm the credit with the customer',
        },
      ],
    });
    expect(judgePwb({ ...draft, confirmCredit: true })).toMatchObject({
      ok: true,
      value: {
        total: '292.40',
        change: '0.00',
        credits: [
          { accountNumber: '1000000001', amount: '0.01' },
          { accountNumber: '1000000007', amount: '10.00' },
        ],
      },
    });
  });

  it('Portsmouth writes the account in the message as xxxxxxxxxx-xx', () => {
    expect(judgePortsmouth({ lines: [line(PORTSMOUTH.current.number, '220.35')], bills: '220.35' })).toEqual({
      ok: false,
      errors: [{ path: 'confirmCredit', message: 'Overpayment: $10.00 on 1234567890-12 would stay as credit; confirm the credit with the customer' }],
    });
  });

  it('partial payments are allowed and leave no credit', () => {
    expect(judgePwb({ lines: [line(PWB.pastDue.number, '40.00')], bills: '40' })).toMatchObject({ ok: true, value: { total: '40.00', credits: [] } });
  });
});

describe('judgeTransaction: account standing', () => {
  const CERTIFIED_MESSAGE =
    'Certified: The certified charges go on the property tax bill and must be paid to the Clackamas County Tax Collector. This payment applies to current charges or stays as a credit. (Clackamas WES Certification FAQ (ORS 454.225)); confirm you told the customer';

  it('WES: a certified account needs the cashier to confirm, and the message quotes the county tax collector', () => {
    const draft = { lines: [line(WES.certified.number, '96.50')], bills: '100' };
    expect(judgeWes(draft)).toEqual({ ok: false, errors: [{ path: 'confirmCertified', message: CERTIFIED_MESSAGE }] });
    expect(judgeWes({ ...draft, confirmCertified: true })).toMatchObject({ ok: true, value: { total: '96.50', change: '3.50' } });
  });

  it('WES: a certified account beside a current one still needs the confirmation', () => {
    const draft = { lines: [line(WES.current.number, '96.50'), line(WES.certified.number, '50.00')], tenders: [checkDraft('146.50')] };
    expect(judgeWes(draft)).toMatchObject({ ok: false, errors: [{ path: 'confirmCertified' }] });
    expect(judgeWes({ ...draft, confirmCertified: true }).ok).toBe(true);
  });

  it('WES: the current account alone needs no confirmation', () => {
    expect(judgeWes({ lines: [line(WES.current.number, '96.50')], bills: '96.50' }).ok).toBe(true);
  });

  it.each([
    [pwb, PWB.closed.number, 'Amount: account 1000000009 is closed; payments are not taken for it'],
    [wes, WES.closed.number, 'Amount: account 200000009 is closed; payments are not taken for it'],
    [portsmouth, PORTSMOUTH.closed.number, 'Amount: account 1234567890-19 is closed; payments are not taken for it'],
  ] as Array<[UtilityProfile, string, string]>)('%# a closed account is refused', (profile, number, message) => {
    const accounts = { ...pwbAccounts, ...wesAccounts, ...portsmouthAccounts };
    expect(judgeTransaction(draftOf({ lines: [line(number, '10.00')], bills: '10' }), profile, accounts)).toEqual({
      ok: false,
      errors: [{ path: 'lines.0.amount', message }],
    });
  });

  it('a closed account second in the list is named by its number', () => {
    expect(judgePortsmouth({ lines: [line(PORTSMOUTH.current.number, '210.35'), line(PORTSMOUTH.closed.number, '1')], bills: '300' })).toEqual({
      ok: false,
      errors: [{ path: 'lines.1.amount', message: 'Apply to 1234567890-19: account 1234567890-19 is closed; payments are not taken for it' }],
    });
  });

  it.each([
    [pwb, PWB.finalBilled.number, pwbAccounts],
    [portsmouth, PORTSMOUTH.finalBilled.number, portsmouthAccounts],
  ] as const)('%# a final-billed account is paid like any other (no arrangement, but payment taken)', (profile, number, accounts) => {
    expect(judgeTransaction(draftOf({ lines: [line(number, '40.00')], bills: '40' }), profile, accounts)).toMatchObject({ ok: true, value: { total: '40.00' } });
  });

  it('shut-off accounts are paid like any other', () => {
    expect(judgePwb({ lines: [line(PWB.shutOffOnce.number, '206.35')], tenders: [moneyOrderDraft('206.35')] })).toMatchObject({ ok: true, value: { credits: [] } });
  });

  it('an account twice in one transaction is refused on the second line', () => {
    expect(judgePwb({ lines: [line(PWB.current.number, '100'), line(PWB.current.number, '82.40')], bills: '200' })).toEqual({
      ok: false,
      errors: [{ path: 'lines.1.amount', message: 'Apply to 1000000001: this account is already in the transaction' }],
    });
  });
});

describe('judgeTransaction: bad amounts, for every tender', () => {
  const DIGITS = 'use digits and a decimal point only, like 12.34';
  const DECIMALS = 'use at most two decimals (dollars and cents)';
  const EMPTY = 'enter an amount, like 12.34';
  const ZERO = 'must be more than $0.00';

  /** Where the bad amount goes, the field's label, and a draft that is otherwise good. */
  const places: Array<[string, string, (amount: string) => Partial<TransactionDraft>]> = [
    ['lines.0.amount', 'Amount', (a) => ({ lines: [line(PWB.current.number, a)], bills: '200' })],
    ['lines.1.amount', 'Apply to 1000000002', (a) => ({ lines: [line(PWB.current.number, '182.40'), line(PWB.pastDue.number, a)], bills: '300' })],
    ['tenders.0.amount', 'Check total', (a) => ({ lines: bill, bills: '200', tenders: [checkDraft(a)] })],
    ['tenders.0.amount', 'Money order total', (a) => ({ lines: bill, bills: '200', tenders: [moneyOrderDraft(a)] })],
    ['tenders.0.amount', 'Card total', (a) => ({ lines: bill, bills: '200', tenders: [cardDraft(a)] })],
    ['bills', 'Bills', (a) => ({ lines: bill, bills: a, tenders: [cardDraft('182.40')] })],
    ['coins', 'Coins', (a) => ({ lines: bill, coins: a, tenders: [cardDraft('182.40')] })],
  ];

  const bad: Array<[string, string]> = [
    ['-5', DIGITS],
    ['-0.01', DIGITS],
    ['+5', DIGITS],
    ['12.345', DECIMALS],
    ['0.001', DECIMALS],
    ['abc', DIGITS],
    ['1e3', DIGITS],
    ['1,000.00', DIGITS],
    ['12,50', DIGITS],
    ['١٢٣', DIGITS],
    ['１２３', DIGITS],
    ['NaN', DIGITS],
    ['Infinity', DIGITS],
    ['0x10', DIGITS],
    ['12 34', DIGITS],
  ];

  for (const [path, label, draft] of places) {
    it.each(bad)(`${label}: %j is refused (%s)`, (amount, rule) => {
      expect(judgePwb(draft(amount))).toEqual({ ok: false, errors: [{ path, message: `${label}: ${rule}` }] });
    });
  }

  it.each(places.filter(([p]) => p !== 'bills' && p !== 'coins'))('%s (%s): empty and zero are refused', (path, label, draft) => {
    expect(judgePwb(draft(''))).toEqual({ ok: false, errors: [{ path, message: `${label}: ${EMPTY}` }] });
    for (const zero of ['0', '0.00', '$0', '.0']) {
      expect(judgePwb(draft(zero)), zero).toEqual({ ok: false, errors: [{ path, message: `${label}: ${ZERO}` }] });
    }
  });

  it('empty or zero Bills and Coins mean no cash: no cash tender is recorded', () => {
    for (const none of ['', ' ', '0', '0.00']) {
      expect(judgePwb({ lines: bill, bills: none, coins: none, tenders: [cardDraft('182.40')] }), JSON.stringify(none)).toMatchObject({
        ok: true,
        value: { tenders: [{ kind: 'card' }], tendered: '182.40', change: '0.00' },
      });
    }
  });

  it('reports every bad field at once, each on its own path', () => {
    const r = judgePwb({ lines: [line(PWB.current.number, 'abc')], bills: '12,00', coins: '5.001', tenders: [checkDraft('-1', { checkNumber: '' }), cardDraft('1e3', { last4: '12' })] });
    expect(r).toEqual({
      ok: false,
      errors: [
        { path: 'lines.0.amount', message: `Amount: ${DIGITS}` },
        { path: 'bills', message: `Bills: ${DIGITS}` },
        { path: 'coins', message: `Coins: ${DECIMALS}` },
        { path: 'tenders.0.amount', message: `Check total: ${DIGITS}` },
        { path: 'tenders.0.checkNumber', message: 'Check number: a check needs its check number' },
        { path: 'tenders.1.amount', message: `Card total: ${DIGITS}` },
        { path: 'tenders.1.last4', message: 'Card last four: enter the last four digits on the card, nothing more' },
      ],
    });
  });

  it('reads "$" and loose decimals the way the cashier types them', () => {
    expect(judgePwb({ lines: [line(PWB.current.number, '$182.4')], bills: '$200', tenders: [] })).toMatchObject({ ok: true, value: { total: '182.40', change: '17.60' } });
  });
});

describe('judgeTransaction: a card number pasted into any field', () => {
  /** A draft with every kind of tender, good as it stands: 100.00 check + 50.00 money order + 32.40 card. */
  function full(): TransactionDraft {
    return draftOf({
      lines: [line(PWB.current.number, '182.40')],
      bills: '',
      coins: '',
      tenders: [checkDraft('100.00', { routingNumber: '021000021' }), moneyOrderDraft('50.00'), cardDraft('32.40')],
      memo: '',
    });
  }

  const fields: Array<[string, string, (d: TransactionDraft, v: string) => void]> = [
    ['memo', 'Memo', (d, v) => (d.memo = v)],
    ['tenders.0.checkNumber', 'Check number', (d, v) => ((d.tenders[0] as Extract<TenderDraft, { kind: 'check' }>).checkNumber = v)],
    ['tenders.0.routingNumber', 'Check routing number', (d, v) => ((d.tenders[0] as Extract<TenderDraft, { kind: 'check' }>).routingNumber = v)],
    ['tenders.1.serial', 'Money order serial number', (d, v) => ((d.tenders[1] as Extract<TenderDraft, { kind: 'money_order' }>).serial = v)],
    ['tenders.2.approvalCode', 'Card approval code', (d, v) => ((d.tenders[2] as Extract<TenderDraft, { kind: 'card' }>).approvalCode = v)],
    ['tenders.2.last4', 'Card last four', (d, v) => ((d.tenders[2] as Extract<TenderDraft, { kind: 'card' }>).last4 = v)],
    ['lines.0.amount', 'Amount', (d, v) => ((d.lines[0] as { amount: string }).amount = v)],
    ['bills', 'Bills', (d, v) => (d.bills = v)],
    ['coins', 'Coins', (d, v) => (d.coins = v)],
    ['tenders.0.amount', 'Check total', (d, v) => ((d.tenders[0] as TenderDraft).amount = v)],
    ['tenders.1.amount', 'Money order total', (d, v) => ((d.tenders[1] as TenderDraft).amount = v)],
    ['tenders.2.amount', 'Card total', (d, v) => ((d.tenders[2] as TenderDraft).amount = v)],
  ];

  it('the draft is good as it stands', () => {
    expect(judgePwb(full())).toMatchObject({ ok: true, value: { total: '182.40', tendered: '182.40', change: '0.00' } });
  });

  const cards = ['4111111111111111', '4111 1111 1111 1111', '4111-1111-1111-1111', '4222222222222', '6221261234567890129', 'card 4111111111111111'];

  for (const [path, label, put] of fields) {
    it.each(cards)(`${label}: %j is refused, saying card numbers are not recorded here`, (card) => {
      const d = full();
      put(d, card);
      const r = judgeTransaction(d, pwb, pwbAccounts);
      expect(r).toEqual({ ok: false, errors: [{ path, message: `${label}: ${CARD_NUMBER_MESSAGE}` }] });
      expect(CARD_NUMBER_MESSAGE).toContain('card numbers are not recorded here');
    });
  }

  /** A 16-digit number that fails Luhn is not a card number: each field judges it by its own rule. */
  const luhnInvalid = '4111111111111112';
  const ownRule: Record<string, string | null> = {
    memo: null,
    'tenders.0.checkNumber': 'Check number: use the digits of the check number (1 to 10)',
    'tenders.0.routingNumber': 'Check routing number: must be 9 digits (or leave it empty)',
    'tenders.1.serial': null, // 16 letters or digits is a serial number
    'tenders.2.approvalCode': "Card approval code: enter the terminal's approval code (2 to 12 letters or digits)",
    'tenders.2.last4': 'Card last four: enter the last four digits on the card, nothing more',
    'lines.0.amount': 'Amount: use digits and a decimal point only, like 12.34',
    bills: 'Bills: use digits and a decimal point only, like 12.34',
    coins: 'Coins: use digits and a decimal point only, like 12.34',
    'tenders.0.amount': 'Check total: use digits and a decimal point only, like 12.34',
    'tenders.1.amount': 'Money order total: use digits and a decimal point only, like 12.34',
    'tenders.2.amount': 'Card total: use digits and a decimal point only, like 12.34',
  };

  it.each(fields.map(([path, , put]) => [path, put] as const))(`%s: the Luhn-invalid ${luhnInvalid} is judged by the field's own rule`, (path, put) => {
    const d = full();
    put(d, luhnInvalid);
    const r = judgeTransaction(d, pwb, pwbAccounts);
    const expected = ownRule[path];
    if (expected === null) {
      expect(r.ok).toBe(true);
    } else {
      expect(r).toEqual({ ok: false, errors: [{ path, message: expected }] });
    }
  });

  it('the memo keeps account numbers, 10 or 12 digits, alone or side by side', () => {
    for (const memo of ['1000000001', 'split 1000000001 1000000002', '1234567890-12 1234567890-13', '123456789012 123456789013', 'call 503-823-7770 re 1000000001']) {
      const d = full();
      d.memo = memo;
      expect(judgeTransaction(d, pwb, pwbAccounts), memo).toMatchObject({ ok: true, value: { memo } });
    }
  });

  it('a memo over 200 characters is refused; it is trimmed', () => {
    const d = full();
    d.memo = 'x'.repeat(201);
    expect(judgeTransaction(d, pwb, pwbAccounts)).toEqual({ ok: false, errors: [{ path: 'memo', message: 'Memo: keep it under 200 characters' }] });
    d.memo = '  two bills, one check  ';
    expect(judgeTransaction(d, pwb, pwbAccounts)).toMatchObject({ ok: true, value: { memo: 'two bills, one check' } });
  });
});

describe('judgeTransaction: amounts beyond what one payment may carry', () => {
  it('refuses any one amount above $99,999,999.99 (the MICR field), naming the field', () => {
    expect(judgePwb({ lines: [line(PWB.current.number, '100000000.00')], bills: '100000000', confirmCredit: true })).toEqual({
      ok: false,
      errors: [
        { path: 'lines.0.amount', message: 'Amount: one amount can be at most $99,999,999.99; check the digits' },
        { path: 'bills', message: 'Bills: one amount can be at most $99,999,999.99; check the digits' },
      ],
    });
    expect(judgePwb({ lines: bill, tenders: [checkDraft('999999999999.99')] }).ok).toBe(false);
  });

  it('bills of $99,999,999,999.99 on a $10.00 payment are refused: that is a typing slip, not change to give', () => {
    expect(judgePwb({ lines: [line(PWB.current.number, '10.00')], bills: '99999999999.99' })).toEqual({
      ok: false,
      errors: [{ path: 'bills', message: 'Bills: one amount can be at most $99,999,999.99; check the digits' }],
    });
    expect(judgePwb({ lines: [line(PWB.current.number, '10.00')], bills: '99999999.99' })).toEqual({
      ok: false,
      errors: [{ path: 'bills', message: 'Bills: change due $99,999,989.99 is more than the $100.00 the counter gives back; check the bills and coins typed (Counter cash-control defaults (set by the utility))' }],
    });
  });

  it('gives back up to $100.00 in change, not a cent more', () => {
    expect(judgePwb({ lines: [line(PWB.current.number, '10.00')], bills: '110' })).toMatchObject({ ok: true, value: { change: '100.00' } });
    expect(judgePwb({ lines: [line(PWB.current.number, '10.00')], bills: '110', coins: '0.01' })).toMatchObject({ ok: false, errors: [{ path: 'bills' }] });
  });

  it('a payment over $10,000.00 needs a supervisor named; at the limit it does not', () => {
    const big = [line(PWB.current.number, '10000.01')];
    expect(judgePwb({ lines: big, bills: '10000.01', confirmCredit: true })).toEqual({
      ok: false,
      errors: [{ path: 'approver', message: "Supervisor: a payment over $10,000.00 needs a supervisor's approval (Counter cash-control defaults (set by the utility)); a supervisor enters their name and PIN" }],
    });
    expect(judgePwb({ lines: big, bills: '10000.01', confirmCredit: true, approver: ' supervisor1 ' })).toMatchObject({ ok: true, value: { approver: 'supervisor1' } });
    expect(judgePwb({ lines: [line(PWB.current.number, '10000.00')], bills: '10000', confirmCredit: true })).toMatchObject({ ok: true, value: { approver: null } });
  });

  it('twenty accounts of the most one amount can be still fit the wire; a 21st account is refused', () => {
    const numbers = Array.from({ length: 21 }, (_, i) => String(2000000000 + i));
    const accounts = Object.fromEntries(numbers.map((n) => [n, accountOf('pwb', n, '0.00')]));
    const lines = numbers.slice(0, 20).map((n) => line(n, '99999999.99'));
    const twenty = judgeTransaction(draftOf({ lines, tenders: Array.from({ length: 19 }, () => checkDraft('99999999.99')), bills: '99999999.99', confirmCredit: true, approver: 'supervisor1' }), pwb, accounts);
    expect(twenty).toMatchObject({ ok: true, value: { total: '1999999999.80', tendered: '1999999999.80', change: '0.00' } });
    const many = judgeTransaction(draftOf({ lines: numbers.map((n) => line(n, '1.00')), bills: '21', confirmCredit: true }), pwb, accounts);
    expect(many).toMatchObject({ ok: false, errors: [{ path: 'lines.20.amount', message: expect.stringMatching(/at most 20 accounts in one payment/) as unknown }] });
  });

  it('refuses a memo with a control character, a lone surrogate or a text-direction override, naming the memo', () => {
    for (const memo of ['paid\u0000', 'a\uD800b', 'evil\u202Etxt.exe']) {
      const r = judgePwb({ lines: bill, bills: '200', memo });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[0]?.message).toMatch(/^Memo: holds a (control|broken|text-direction) character/);
    }
  });
});

describe('labels', () => {
  it('tenderPrefixes numbers the second of a kind', () => {
    expect(tenderPrefixes([{ kind: 'check' }, { kind: 'check' }, { kind: 'card' }, { kind: 'money_order' }, { kind: 'card' }, { kind: 'check' }])).toEqual([
      'Check',
      'Check 2',
      'Card',
      'Money order',
      'Card 2',
      'Check 3',
    ]);
    expect(tenderPrefixes([])).toEqual([]);
  });

  it('fieldLabel names each field as the screen does', () => {
    const d = { lines: [line('1234567890' + '12', '1'), line('123456789013', '2')], tenders: [checkDraft('1'), checkDraft('2'), moneyOrderDraft('3'), cardDraft('4')] };
    const label = (path: string) => fieldLabel(path, d, portsmouth);
    expect(label('lines.0.amount')).toBe('Amount');
    expect(label('lines.1.amount')).toBe('Apply to 1234567890-13');
    expect(label('tenders.0.amount')).toBe('Check total');
    expect(label('tenders.1.checkNumber')).toBe('Check 2 number');
    expect(label('tenders.1.routingNumber')).toBe('Check 2 routing number');
    expect(label('tenders.2.serial')).toBe('Money order serial number');
    expect(label('tenders.3.brand')).toBe('Card brand');
    expect(label('tenders.3.last4')).toBe('Card last four');
    expect(label('tenders.3.approvalCode')).toBe('Card approval code');
    expect(['bills', 'coins', 'memo', 'confirmCredit', 'confirmCertified'].map(label)).toEqual(['Bills', 'Coins', 'Memo', 'Overpayment', 'Certified']);
  });
});

describe('restorationNeed: what it takes today to have water turned back on', () => {
  /** The PWB account shut off once, with other figures, checked by the account schema. */
  const shutOff = (o: Loose<Account>) => accountOf('pwb', PWB.shutOffOnce.number, PWB.shutOffOnce.balance, { status: 'shut_off', shutOffsLast12Months: 1, ...o });

  it('PWB, shut off once in 12 months: a promise to pay 50% (412.70 → 206.35)', () => {
    const need = restorationNeed(PWB.shutOffOnce, pwb);
    expect(need).toEqual({ basis: 'promise', percent: 50, amount: '206.35', rule: 'Portland City Code 21.16.040 and PWB Account Management Policy' });
    expect(describeRestoration(need!)).toBe(
      'a promise to pay $206.35 (50% of the balance) within 3 business days restores service, plus an arrangement for the rest (Portland City Code 21.16.040 and PWB Account Management Policy)',
    );
  });

  it('PWB, shut off more than once: 50% posted (250.00 → 125.00)', () => {
    const need = restorationNeed(PWB.shutOffTwice, pwb);
    expect(need).toEqual({ basis: 'posted', percent: 50, amount: '125.00', rule: 'Portland City Code 21.16.040 and PWB Account Management Policy' });
    expect(describeRestoration(need!)).toBe(
      '$125.00 (50% of the balance) must be posted before service is restored, plus an arrangement for the rest (Portland City Code 21.16.040 and PWB Account Management Policy)',
    );
  });

  it('PWB, beyond shut-off (tampering, meter removed): 100% posted (640.18), whatever the count', () => {
    expect(restorationNeed(PWB.beyondShutOff, pwb)).toMatchObject({ basis: 'posted', percent: 100, amount: '640.18' });
    expect(restorationNeed(shutOff({ beyondShutOff: true, balance: '640.18', shutOffsLast12Months: 3 }), pwb)).toMatchObject({ basis: 'posted', percent: 100, amount: '640.18' });
  });

  it.each([
    ['0.01', 1, '0.01'],
    ['0.03', 1, '0.02'],
    ['412.71', 1, '206.36'],
    ['412.71', 2, '206.36'],
    ['1000000.01', 1, '500000.01'],
    ['0.02', 1, '0.01'],
  ])('rounds an odd cent up (a cent short never restores): %s, %i shut-off(s) → %s', (balance, shutOffs, amount) => {
    expect(restorationNeed(shutOff({ balance, shutOffsLast12Months: shutOffs }), pwb)?.amount).toBe(amount);
  });

  it('no rule when the account is not shut off, owes nothing, or the profile has none', () => {
    for (const a of [PWB.current, PWB.pastDue, PWB.finalBilled, PWB.closed]) expect(restorationNeed(a, pwb), a.status).toBeNull();
    expect(restorationNeed(shutOff({ balance: '0.00' }), pwb)).toBeNull();
    expect(restorationNeed(shutOff({ balance: '-5.00' }), pwb)).toBeNull();
    expect(restorationNeed(accountOf('wes', '200000003', '300.00', { status: 'shut_off', shutOffsLast12Months: 1 }), wes)).toBeNull();
    expect(restorationNeed(accountOf('portsmouth', '123456789015', '300.00', { status: 'shut_off', shutOffsLast12Months: 2 }), portsmouth)).toBeNull();
  });

  it('a shut-off count of 0 (shut off before the last 12 months) uses the once rule', () => {
    expect(restorationNeed(shutOff({ shutOffsLast12Months: 0 }), pwb)).toMatchObject({ basis: 'promise', percent: 50 });
  });
});

describe('transactionProgress: where the money stands while the cashier types', () => {
  it('change due, counting cash and every tender', () => {
    expect(transactionProgress(draftOf({ lines: [line('1', '100'), line('2', '82.40')], bills: '40', tenders: [cardDraft('150')] }))).toEqual({ change: '7.60' });
  });

  it('what is still to pay', () => {
    expect(transactionProgress(draftOf({ lines: bill, bills: '100', tenders: [checkDraft('')] }))).toEqual({ short: '82.40' });
  });

  it('null while any amount cannot be read', () => {
    expect(transactionProgress(draftOf({ lines: [line('1', '')], bills: '10' }))).toBeNull();
    expect(transactionProgress(draftOf({ lines: bill, bills: '1e3' }))).toBeNull();
    expect(transactionProgress(draftOf({ lines: bill, tenders: [cardDraft('12.345')] }))).toBeNull();
  });
});

describe('transactionFormSchema: the same judgement, on the form', () => {
  it('puts each error on its field path, with numbers for array indexes', () => {
    const r = transactionFormSchema(pwb, pwbAccounts).safeParse(draftOf({ lines: bill, tenders: [checkDraft('182.40', { checkNumber: '' })] }));
    expect(r.error?.issues.map((i) => ({ path: i.path, message: i.message }))).toEqual([
      { path: ['tenders', 0, 'checkNumber'], message: 'Check number: a check needs its check number' },
    ]);
  });

  it('passes a good draft through unchanged', () => {
    const d = draftOf({ lines: bill, bills: '200' });
    expect(transactionFormSchema(pwb, pwbAccounts).parse(d)).toEqual(d);
  });
});
