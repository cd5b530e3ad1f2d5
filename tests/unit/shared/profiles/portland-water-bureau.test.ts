import { describe, expect, it } from 'vitest';
import { portlandWaterBureau } from '../../../../shared/profiles/portland-water-bureau';
import { utilityProfileSchema } from '../../../../shared/profiles/schema';

/** The profile carries the published rules (seeds 000 and 002) as written in domain.md. */
describe('the Portland Water Bureau profile', () => {
  it('is a valid profile', () => {
    expect(utilityProfileSchema.parse(portlandWaterBureau)).toEqual(portlandWaterBureau);
  });

  it('takes cash with at most $5.00 in coin, from the Account Management Policy', () => {
    expect(portlandWaterBureau.tenders.cash).toEqual({
      accepted: true,
      coinLimit: '5.00',
      source: { title: 'Portland Water Bureau Account Management Policy', seed: '002' },
    });
  });

  it('has 10-digit account numbers', () => {
    expect(portlandWaterBureau.accountNumber.digits).toBe(10);
    expect(portlandWaterBureau.accountNumber.display).toBe('##########');
  });

  it('has the walk-in center at 664 N. Tillamook St and the phone 503-823-7770', () => {
    expect(portlandWaterBureau.center.addressLines).toEqual(['664 N. Tillamook St.', 'Portland, OR 97227']);
    expect(portlandWaterBureau.center.phone).toBe('503-823-7770');
  });

  it('charges $35.00 for a returned payment (printed once, from the fee table, not again in the footer)', () => {
    expect(portlandWaterBureau.fees.find((f) => f.code === 'returned-payment')?.amount).toBe('35.00');
    expect(portlandWaterBureau.receipt.footerLines.join(' ')).not.toContain('$35.00');
  });
});

describe('the Portland Water Bureau profile: tenders and collection rules (issue 3)', () => {
  const policy = { title: 'Portland Water Bureau Account Management Policy', seed: '002' };

  it('takes checks up to the MICR limit, money orders, and Visa and Mastercard only', () => {
    expect(portlandWaterBureau.tenders.check).toEqual({ accepted: true, maxAmount: '99999999.99', source: policy });
    expect(portlandWaterBureau.tenders.moneyOrder).toEqual({ accepted: true, source: policy });
    expect(portlandWaterBureau.tenders.card).toEqual({ accepted: true, brands: ['Visa', 'Mastercard'], source: policy });
  });

  it('restores service on 50% promised (once), 50% posted (more than once), 100% posted (beyond shut-off), from City Code 21.16.040', () => {
    expect(portlandWaterBureau.restoration).toEqual({
      once: { basis: 'promise', percent: 50 },
      moreThanOnce: { basis: 'posted', percent: 50 },
      beyondShutOff: { basis: 'posted', percent: 100 },
      source: { title: 'Portland City Code 21.16.040 and PWB Account Management Policy', seed: '003' },
    });
  });

  it('has no certified accounts, and says final-billed accounts get no payment arrangements', () => {
    expect(portlandWaterBureau.certified).toBeNull();
    expect(portlandWaterBureau.finalBilled).toEqual({ notice: 'Final-billed account: no payment arrangements.', source: policy });
  });
});
