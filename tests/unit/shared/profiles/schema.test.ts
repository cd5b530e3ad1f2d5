import { describe, expect, it } from 'vitest';
import { portlandWaterBureau } from '../../../../shared/profiles';
import { accountNumberFormatSchema, utilityProfileSchema } from '../../../../shared/profiles/schema';

function issues(overrides: Record<string, unknown>) {
  const r = utilityProfileSchema.safeParse({ ...portlandWaterBureau, ...overrides });
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('utilityProfileSchema: a utility edits its profile, the schema checks the edit', () => {
  it('refuses an id with capitals or spaces, saying what to use', () => {
    expect(issues({ id: 'PWB' })).toEqual([{ path: 'id', message: 'use lowercase letters, digits and dashes' }]);
    expect(issues({ id: 'portland water' })).toEqual([{ path: 'id', message: 'use lowercase letters, digits and dashes' }]);
  });

  it('refuses a coin limit or fee that is not a two-decimal amount', () => {
    const cash = { ...portlandWaterBureau.tenders.cash, coinLimit: '5' };
    expect(issues({ tenders: { cash } })).toEqual([
      { path: 'tenders.cash.coinLimit', message: 'must be an amount with exactly two decimals, like 12.34' },
    ]);
    const fees = [{ ...portlandWaterBureau.fees[0], amount: '$35' }];
    expect(issues({ fees }).map((i) => i.path)).toEqual(['fees.0.amount']);
  });

  it('allows no coin limit, and no fees', () => {
    const cash = { ...portlandWaterBureau.tenders.cash, coinLimit: null };
    expect(issues({ tenders: { cash } })).toEqual([]);
    const { fees: _fees, ...withoutFees } = portlandWaterBureau;
    expect(utilityProfileSchema.parse(withoutFees).fees).toEqual([]);
  });

  it('needs at least one header line and one address line', () => {
    expect(issues({ receipt: { headerLines: [], footerLines: [] } }).map((i) => i.path)).toEqual(['receipt.headerLines']);
    expect(issues({ center: { ...portlandWaterBureau.center, addressLines: [] } }).map((i) => i.path)).toEqual(['center.addressLines']);
  });

  it('account numbers have 4 to 20 digits', () => {
    const source = { title: 't' };
    expect(accountNumberFormatSchema.safeParse({ digits: 3, display: '###', source }).success).toBe(false);
    expect(accountNumberFormatSchema.safeParse({ digits: 21, display: '#'.repeat(21), source }).success).toBe(false);
    expect(accountNumberFormatSchema.safeParse({ digits: 12, display: '##########-##', source }).success).toBe(true);
  });
});
