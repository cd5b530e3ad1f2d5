import { describe, expect, it } from 'vitest';
import { cashFormSchema, judgeCash } from '../../../../shared/payments/cash';
import { portlandWaterBureau } from '../../../../shared/profiles';
import { pwbWith } from '../fixtures';

const COIN_LIMIT_MESSAGE =
  'Coins: at most $5.00 in coin per payment (Portland Water Bureau Account Management Policy); take the rest in bills';

const judge = (amount: string, bills: string, coins: string) => judgeCash({ amount, bills, coins }, portlandWaterBureau);

describe('judgeCash with the Portland Water Bureau profile: coin limit', () => {
  it('accepts $4.99 in coin', () => {
    expect(judge('20.00', '20', '4.99')).toEqual({
      ok: true,
      value: { amount: '20.00', bills: '20.00', coins: '4.99', tendered: '24.99', change: '4.99' },
    });
  });

  it('accepts exactly $5.00 in coin', () => {
    expect(judge('5.00', '', '5.00')).toEqual({
      ok: true,
      value: { amount: '5.00', bills: '0.00', coins: '5.00', tendered: '5.00', change: '0.00' },
    });
  });

  it('refuses $5.01 in coin, quoting the policy', () => {
    expect(judge('20.00', '20', '5.01')).toEqual({ ok: false, errors: [{ field: 'coins', message: COIN_LIMIT_MESSAGE }] });
  });

  it('refuses coin over the limit even when the bills alone would not cover the amount', () => {
    expect(judge('100.00', '20', '6.00')).toEqual({ ok: false, errors: [{ field: 'coins', message: COIN_LIMIT_MESSAGE }] });
  });

  it('takes its limit and source from the profile', () => {
    const edited = pwbWith({ coinLimit: '2.00', source: { title: 'Fee schedule, July 1' } });
    expect(judgeCash({ amount: '10', bills: '10', coins: '2.01' }, edited)).toEqual({
      ok: false,
      errors: [{ field: 'coins', message: 'Coins: at most $2.00 in coin per payment (Fee schedule, July 1); take the rest in bills' }],
    });
    const noLimit = pwbWith({ coinLimit: null });
    expect(judgeCash({ amount: '25.00', bills: '', coins: '25.00' }, noLimit)).toMatchObject({ ok: true, value: { change: '0.00' } });
  });

  it('refuses cash where the profile does not take it', () => {
    expect(judgeCash({ amount: '10', bills: '10', coins: '' }, pwbWith({ accepted: false }))).toEqual({
      ok: false,
      errors: [{ field: 'bills', message: 'Bills: Portland Water Bureau does not take cash at this counter' }],
    });
  });
});

describe('judgeCash: change to the cent', () => {
  it('amount 182.40, bills 200, coins 0: change 17.60', () => {
    expect(judge('182.40', '200', '0')).toEqual({
      ok: true,
      value: { amount: '182.40', bills: '200.00', coins: '0.00', tendered: '200.00', change: '17.60' },
    });
  });

  it('amount 10.01, bills 10, coins 0.01: change 0.00', () => {
    expect(judge('10.01', '10', '0.01')).toEqual({
      ok: true,
      value: { amount: '10.01', bills: '10.00', coins: '0.01', tendered: '10.01', change: '0.00' },
    });
  });

  it('amount 0.30 paid with 0.10 in bills (nonsense, but exact) and 0.20 in coin: change 0.00', () => {
    expect(judge('.30', '.10', '.20')).toMatchObject({ ok: true, value: { tendered: '0.30', change: '0.00' } });
  });

  it('reads "$" and loose decimals as the cashier types them', () => {
    expect(judge('$182.4', '$200', '')).toMatchObject({ ok: true, value: { amount: '182.40', change: '17.60' } });
  });
});

describe('judgeCash: refusals name the field and the rule', () => {
  it('tendered less than the amount: names Bills and the shortfall', () => {
    expect(judge('182.40', '180', '2.39')).toEqual({
      ok: false,
      errors: [{ field: 'bills', message: 'Bills: cash tendered $182.39 is less than the amount $182.40; take $0.01 more' }],
    });
  });

  it('empty Bills and Coins count as $0.00', () => {
    expect(judge('50', '', '')).toEqual({
      ok: false,
      errors: [{ field: 'bills', message: 'Bills: cash tendered $0.00 is less than the amount $50.00; take $50.00 more' }],
    });
    expect(judge('50', '  ', '   ')).toEqual({
      ok: false,
      errors: [{ field: 'bills', message: 'Bills: cash tendered $0.00 is less than the amount $50.00; take $50.00 more' }],
    });
    expect(judge('50', '50', '')).toMatchObject({ ok: true, value: { coins: '0.00', change: '0.00' } });
  });

  it.each([
    ['12.345', 'Amount: use at most two decimals (dollars and cents)'],
    ['abc', 'Amount: use digits and a decimal point only, like 12.34'],
    ['1e3', 'Amount: use digits and a decimal point only, like 12.34'],
    ['-5', 'Amount: use digits and a decimal point only, like 12.34'],
    ['', 'Amount: enter an amount, like 12.34'],
    ['0', 'Amount: must be more than $0.00'],
    ['0.00', 'Amount: must be more than $0.00'],
    ['$0', 'Amount: must be more than $0.00'],
  ])('amount %j: %s', (amount, message) => {
    expect(judge(amount, '200', '')).toEqual({ ok: false, errors: [{ field: 'amount', message }] });
  });

  it('reports every field that is wrong, each on its own field', () => {
    expect(judge('abc', '12,00', '5.001')).toEqual({
      ok: false,
      errors: [
        { field: 'amount', message: 'Amount: use digits and a decimal point only, like 12.34' },
        { field: 'bills', message: 'Bills: use digits and a decimal point only, like 12.34' },
        { field: 'coins', message: 'Coins: use at most two decimals (dollars and cents)' },
      ],
    });
  });
});

describe('cashFormSchema', () => {
  it('puts each refusal on its field for the form', () => {
    const r = cashFormSchema(portlandWaterBureau).safeParse({ amount: '20.00', bills: '20', coins: '5.01' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => ({ path: i.path, message: i.message }))).toEqual([
      { path: ['coins'], message: COIN_LIMIT_MESSAGE },
    ]);
  });

  it('passes a good draft through unchanged', () => {
    const draft = { amount: '182.40', bills: '200', coins: '' };
    expect(cashFormSchema(portlandWaterBureau).parse(draft)).toEqual(draft);
  });
});
