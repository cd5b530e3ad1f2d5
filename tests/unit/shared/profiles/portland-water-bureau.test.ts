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

  it('charges $35.00 for a returned payment, and its receipt footer says so', () => {
    expect(portlandWaterBureau.fees.find((f) => f.code === 'returned-payment')?.amount).toBe('35.00');
    expect(portlandWaterBureau.receipt.footerLines).toContain('A returned payment carries a $35.00 fee.');
  });
});
