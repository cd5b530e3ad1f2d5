import { describe, expect, it } from 'vitest';
import { parseAccountEntry } from '../../../../shared/accounts/account-number';
import { clackamasWes } from '../../../../shared/profiles/clackamas-wes';
import { utilityProfileSchema } from '../../../../shared/profiles/schema';

/** Clackamas WES, from its payment and certification pages (seed 001), as domain.md writes them. */
describe('the Clackamas WES profile', () => {
  it('is a valid profile with the id "wes"', () => {
    expect(utilityProfileSchema.parse(clackamasWes)).toEqual(clackamasWes);
    expect(clackamasWes.id).toBe('wes');
  });

  it('has its lobby at 150 Beavercreek Road and the phone 503-742-4567', () => {
    expect(clackamasWes.center.addressLines[0]).toBe('150 Beavercreek Road');
    expect(clackamasWes.center.phone).toBe('503-742-4567');
  });

  it('takes cash without a coin limit, checks, money orders and cards', () => {
    expect(clackamasWes.tenders.cash).toMatchObject({ accepted: true, coinLimit: null });
    expect(clackamasWes.tenders.check).toMatchObject({ accepted: true, maxAmount: '99999999.99' });
    expect(clackamasWes.tenders.moneyOrder.accepted).toBe(true);
    expect(clackamasWes.tenders.card.accepted).toBe(true);
    expect(clackamasWes.tenders.card.brands.length).toBeGreaterThan(0);
  });

  it('sends certified charges to the Clackamas County Tax Collector, citing ORS 454.225, on screen and receipt', () => {
    const c = clackamasWes.certified;
    expect(c?.payTo).toBe('Clackamas County Tax Collector');
    expect(c?.cashierNotice).toContain('Clackamas County Tax Collector');
    expect(c?.cashierNotice).toContain('applies to current charges');
    expect(c?.receiptNotice).toContain('Clackamas County Tax Collector');
    expect(c?.receiptNotice).toContain('applies to current charges');
    expect(c?.source.title).toContain('ORS 454.225');
    expect(c?.source.seed).toBe('001');
  });

  it('charges a $50.00 certification processing fee', () => {
    expect(clackamasWes.fees.find((f) => f.code === 'certification')?.amount).toBe('50.00');
  });

  it('has no restoration rule of its own', () => {
    expect(clackamasWes.restoration).toBeNull();
  });

  it('reads its 9-digit account numbers (a station setting: WES does not publish the length)', () => {
    expect(clackamasWes.accountNumber.digits).toBe(9);
    expect(parseAccountEntry('200000002', clackamasWes.accountNumber)).toEqual({ ok: true, kind: 'account', account: '200000002' });
    expect(parseAccountEntry('2000000020', clackamasWes.accountNumber)).toEqual({
      ok: false,
      message: 'Account number: must be 9 digits, written xxxxxxxxx (you entered 10)',
    });
  });
});
