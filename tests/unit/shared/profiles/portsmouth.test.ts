import { describe, expect, it } from 'vitest';
import { formatAccountNumber, parseAccountEntry } from '../../../../shared/accounts/account-number';
import { portlandWaterBureau } from '../../../../shared/profiles';
import { portsmouth } from '../../../../shared/profiles/portsmouth';
import { utilityProfileSchema } from '../../../../shared/profiles/schema';

const billing = { title: 'City of Portsmouth Water/Sewer Billing Information', seed: '004' };

/** City of Portsmouth water and sewer, from its billing information page (seed 004). */
describe('the Portsmouth profile', () => {
  it('is a valid profile with the id "portsmouth"', () => {
    expect(utilityProfileSchema.parse(portsmouth)).toEqual(portsmouth);
    expect(portsmouth.id).toBe('portsmouth');
  });

  it('has its billing office at City Hall, 1 Junkins Ave, Room 304, with its hours', () => {
    expect(portsmouth.center.addressLines).toEqual(['City Hall, 1 Junkins Ave, Room 304', 'Portsmouth, NH 03801']);
    expect(portsmouth.center.hours).toBe('Mon 8-6, Tue-Thu 8-4:30, Fri 8-1');
  });

  it('takes American Express, Discover and Mastercard, as its billing page says', () => {
    expect(portsmouth.tenders.card).toEqual({ accepted: true, brands: ['American Express', 'Discover', 'Mastercard'], source: billing });
  });

  it('takes cash without a coin limit, checks and money orders', () => {
    expect(portsmouth.tenders.cash).toEqual({ accepted: true, coinLimit: null, source: billing });
    expect(portsmouth.tenders.check).toEqual({ accepted: true, maxAmount: '99999999.99', source: billing });
    expect(portsmouth.tenders.moneyOrder).toEqual({ accepted: true, source: billing });
  });

  it('charges $40.00 for a final bill; has no certified accounts and no restoration rule', () => {
    expect(portsmouth.fees).toEqual([{ code: 'final-bill', label: 'Final bill charge', amount: '40.00', source: billing }]);
    expect(portsmouth.certified).toBeNull();
    expect(portsmouth.restoration).toBeNull();
    expect(portsmouth.finalBilled?.notice).toBe('Final-billed account: no payment arrangements.');
  });

  describe('12-digit account numbers written xxxxxxxxxx-xx', () => {
    const format = portsmouth.accountNumber;

    it('reads the number typed with its dash or without', () => {
      expect(format).toEqual({ digits: 12, display: '##########-##', source: billing });
      expect(parseAccountEntry('1234567890-12', format)).toEqual({ ok: true, kind: 'account', account: '123456789012' });
      expect(parseAccountEntry('123456789012', format)).toEqual({ ok: true, kind: 'account', account: '123456789012' });
      expect(formatAccountNumber('123456789012', format)).toBe('1234567890-12');
    });

    it.each([
      ['1234567890', 'Account number: must be 12 digits, written xxxxxxxxxx-xx (you entered 10)'],
      ['1234567890-1', 'Account number: must be 12 digits, written xxxxxxxxxx-xx (you entered 11)'],
      ['123456789-012', 'Account number: write it as xxxxxxxxxx-xx'],
      ['1234567890 12', 'Account number: use digits only, 12 of them, written xxxxxxxxxx-xx'],
    ])('refuses %j: %s', (raw, message) => {
      expect(parseAccountEntry(raw, format)).toEqual({ ok: false, message });
    });

    it('a Portsmouth number is refused at a PWB station, which writes 10 digits', () => {
      expect(parseAccountEntry('1234567890-12', portlandWaterBureau.accountNumber)).toEqual({
        ok: false,
        message: 'Account number: use digits only, 10 of them, written xxxxxxxxxx',
      });
    });
  });
});
