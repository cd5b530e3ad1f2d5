/** The demo data: deterministic, plausible, every status present, and the fixed accounts exactly as documented. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { accountSchema } from '../../../shared/accounts/account';
import { DEMO_UTILITIES, FIXED_DEMO_ACCOUNTS, demoAccounts } from '../../../central/src/demo';

const today = '2025-06-02';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('demo accounts', () => {
  it('are the same for the same inputs, and never use Math.random', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random used');
    });
    expect(demoAccounts({ perUtility: 50, today })).toEqual(demoAccounts({ perUtility: 50, today }));
  });

  it('hold the fixed accounts first, due dates counted from today', () => {
    const accounts = demoAccounts({ perUtility: 5, today });
    expect(accounts.slice(0, FIXED_DEMO_ACCOUNTS.length).map((a) => [a.utility, a.number, a.name, a.balance, a.status])).toEqual([
      ['pwb', '1000000001', 'Rosa Delgado', '182.40', 'current'],
      ['pwb', '1000000002', 'Tran Van Minh', '96.15', 'past_due'],
      ['pwb', '1000000003', 'Harold Becker', '412.70', 'shut_off'],
      ['pwb', '1000000004', 'Maple Court Apartments LLC', '58.00', 'final_billed'],
      ['pwb', '1000000005', 'Olga Petrova', '0.00', 'closed'],
      ['pwb', '1000000006', 'Dale Morrison', '250.00', 'shut_off'],
      ['pwb', '1000000007', 'Grace Whitaker', '640.18', 'shut_off'],
      ['wes', '200000001', 'Linda Okafor', '143.22', 'certified'],
      ['portsmouth', '123456789012', 'Samuel Whitcomb', '77.30', 'current'],
    ]);
    expect(accounts[0]?.dueDate).toBe('2025-06-16');
    expect(accounts[2]).toMatchObject({ pastDue: '412.70', shutOffsLast12Months: 1, beyondShutOff: false });
    expect(accounts[5]).toMatchObject({ serviceAddress: '7730 N Lombard St, Portland, OR 97203', pastDue: '250.00', shutOffsLast12Months: 2, beyondShutOff: false });
    expect(accounts[6]).toMatchObject({ serviceAddress: '2045 SE Division St, Portland, OR 97202', shutOffsLast12Months: 1, beyondShutOff: true });
    expect(accounts[7]).toMatchObject({ certifiedAmount: '310.55' });
    expect(accounts.filter((a) => a.beyondShutOff).every((a) => a.status === 'shut_off')).toBe(true);
  });

  it('generate the asked count per utility, valid, unique, with the utility\'s number length and every status', () => {
    const accounts = demoAccounts({ perUtility: 300, today });
    expect(accounts).toHaveLength(900 + FIXED_DEMO_ACCOUNTS.length);
    expect(new Set(accounts.map((a) => `${a.utility}/${a.number}`)).size).toBe(accounts.length);
    for (const a of accounts) {
      accountSchema.parse({ ...a, updatedAt: '2025-06-02T12:00:00Z' });
      expect(a.number).toHaveLength(DEMO_UTILITIES[a.utility]?.digits ?? -1);
      expect([a.balance, a.pastDue, a.certifiedAmount]).not.toContain('-0.00');
    }
    for (const [utility, place] of Object.entries(DEMO_UTILITIES)) {
      const own = accounts.filter((a) => a.utility === utility);
      for (const status of place.statuses) expect(own.filter((a) => a.status === status).length, `${utility} ${status}`).toBeGreaterThanOrEqual(3);
      expect(own.every((a) => a.serviceAddress.includes(place.cityLine))).toBe(true);
    }
    expect(accounts.filter((a) => a.status === 'certified').every((a) => a.utility === 'wes' && a.certifiedAmount !== null)).toBe(true);
    expect(accounts.filter((a) => a.status === 'shut_off').every((a) => a.shutOffsLast12Months >= 1 && a.shutOffsLast12Months <= 2)).toBe(true);
    expect(accounts.filter((a) => a.status === 'closed').every((a) => a.balance === '0.00' && a.dueDate === null)).toBe(true);
    expect(accounts.some((a) => a.balance.startsWith('-'))).toBe(true);
    expect(accounts.filter((a) => a.beyondShutOff).length).toBeGreaterThan(1);
    expect(accounts.filter((a) => a.beyondShutOff).every((a) => a.status === 'shut_off')).toBe(true);
  });
});
