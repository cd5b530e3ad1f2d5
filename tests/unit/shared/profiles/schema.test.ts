import { describe, expect, it } from 'vitest';
import { portlandWaterBureau, profiles } from '../../../../shared/profiles';
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
    expect(issues({ tenders: { ...portlandWaterBureau.tenders, cash } })).toEqual([
      { path: 'tenders.cash.coinLimit', message: 'must be an amount with exactly two decimals, like 12.34' },
    ]);
    const fees = [{ ...portlandWaterBureau.fees[0], amount: '$35' }];
    expect(issues({ fees }).map((i) => i.path)).toEqual(['fees.0.amount']);
  });

  it('allows no coin limit, and no fees', () => {
    const cash = { ...portlandWaterBureau.tenders.cash, coinLimit: null };
    expect(issues({ tenders: { ...portlandWaterBureau.tenders, cash } })).toEqual([]);
    const { fees: _fees, ...withoutFees } = portlandWaterBureau;
    expect(utilityProfileSchema.parse(withoutFees).fees).toEqual([]);
  });

  it('needs at least one header line and one address line', () => {
    expect(issues({ receipt: { headerLines: [], footerLines: [] } }).map((i) => i.path)).toEqual(['receipt.headerLines']);
    expect(issues({ center: { ...portlandWaterBureau.center, addressLines: [] } }).map((i) => i.path)).toEqual(['center.addressLines']);
  });

  it('needs the center’s time zone, an IANA zone, named in the refusal', () => {
    const { timeZone: _tz, ...center } = portlandWaterBureau.center;
    expect(issues({ center }).map((i) => i.path)).toEqual(['center.timeZone']);
    expect(issues({ center: { ...center, timeZone: 'Pacific Time' } })).toEqual([
      { path: 'center.timeZone', message: 'must be an IANA time zone such as America/Los_Angeles' },
    ]);
    expect(issues({ center: { ...center, timeZone: 'America/Chicago' } })).toEqual([]);
  });

  it('puts each shipped center in its own zone', () => {
    expect(Object.fromEntries(Object.values(profiles).map((p) => [p.id, p.center.timeZone]))).toEqual({
      pwb: 'America/Los_Angeles',
      wes: 'America/Los_Angeles',
      portsmouth: 'America/New_York',
    });
  });

  it('account numbers have 4 to 20 digits', () => {
    const source = { title: 't' };
    expect(accountNumberFormatSchema.safeParse({ digits: 3, display: '###', source }).success).toBe(false);
    expect(accountNumberFormatSchema.safeParse({ digits: 21, display: '#'.repeat(21), source }).success).toBe(false);
    expect(accountNumberFormatSchema.safeParse({ digits: 12, display: '##########-##', source }).success).toBe(true);
  });
});

describe('utilityProfileSchema: tenders and collection rules (issue 3)', () => {
  const tenders = portlandWaterBureau.tenders;

  it('needs every tender section: a profile says what it takes and what it does not', () => {
    expect(issues({ tenders: { cash: tenders.cash } }).map((i) => i.path)).toEqual(['tenders.check', 'tenders.moneyOrder', 'tenders.card']);
  });

  it('a check limit defaults to the MICR field, $99,999,999.99, and must be a two-decimal amount', () => {
    const { maxAmount: _max, ...check } = tenders.check;
    expect(utilityProfileSchema.parse({ ...portlandWaterBureau, tenders: { ...tenders, check } }).tenders.check.maxAmount).toBe('99999999.99');
    expect(issues({ tenders: { ...tenders, check: { ...tenders.check, maxAmount: '100000000' } } }).map((i) => i.path)).toEqual(['tenders.check.maxAmount']);
  });

  it('card brands are named, each with at least one letter', () => {
    expect(issues({ tenders: { ...tenders, card: { ...tenders.card, brands: ['Visa', ''] } } }).map((i) => i.path)).toEqual(['tenders.card.brands.1']);
    expect(issues({ tenders: { ...tenders, card: { ...tenders.card, accepted: false, brands: [] } } })).toEqual([]);
  });

  it('restoration percents are whole numbers 0-100, on a promise or posted', () => {
    const r = portlandWaterBureau.restoration;
    expect(issues({ restoration: { ...r, once: { basis: 'promise', percent: 101 } } }).map((i) => i.path)).toEqual(['restoration.once.percent']);
    expect(issues({ restoration: { ...r, moreThanOnce: { basis: 'posted', percent: 50.5 } } }).map((i) => i.path)).toEqual(['restoration.moreThanOnce.percent']);
    expect(issues({ restoration: { ...r, beyondShutOff: { basis: 'paid', percent: 100 } } }).map((i) => i.path)).toEqual(['restoration.beyondShutOff.basis']);
    expect(issues({ restoration: { ...r, source: undefined } }).map((i) => i.path)).toEqual(['restoration.source']);
  });

  it('restoration, certified and final-billed rules default to none', () => {
    const { restoration: _r, certified: _c, finalBilled: _f, ...without } = portlandWaterBureau;
    const parsed = utilityProfileSchema.parse(without);
    expect([parsed.restoration, parsed.certified, parsed.finalBilled]).toEqual([null, null, null]);
  });

  it('a certified rule names who is paid, both notices and its source', () => {
    const certified = { payTo: 'County Tax Collector', cashierNotice: 'Pay the county.', receiptNotice: 'Pay the county.', source: { title: 'ORS 454.225' } };
    expect(issues({ certified })).toEqual([]);
    expect(issues({ certified: { ...certified, payTo: '', receiptNotice: undefined } }).map((i) => i.path)).toEqual(['certified.payTo', 'certified.receiptNotice']);
  });
});

describe('utilityProfileSchema: drawer settings (issue 6)', () => {
  it('a profile written before drawers existed still parses, with the defaults', () => {
    const { drawer: _drawer, ...before } = portlandWaterBureau;
    expect(utilityProfileSchema.parse(before).drawer).toEqual({
      expectedFloat: '150.00',
      cashWarnAt: '1000.00',
      cashMaxAt: '2000.00',
      overShortThreshold: '5.00',
      idleLockMinutes: 5,
      pinLockout: { attempts: 5, minutes: 30 },
      offlineWarnHours: 24,
    });
  });

  it('refuses a warning amount at or above the maximum, a lockout over 10 attempts or under 30 minutes (PCI DSS 8.3.4)', () => {
    const drawer = portlandWaterBureau.drawer;
    expect(issues({ drawer: { ...drawer, cashWarnAt: '2000.00' } })).toEqual([{ path: 'drawer.cashWarnAt', message: 'must be less than cashMaxAt' }]);
    expect(issues({ drawer: { ...drawer, pinLockout: { attempts: 11, minutes: 30 } } }).map((i) => i.path)).toEqual(['drawer.pinLockout.attempts']);
    expect(issues({ drawer: { ...drawer, pinLockout: { attempts: 5, minutes: 10 } } }).map((i) => i.path)).toEqual(['drawer.pinLockout.minutes']);
    expect(issues({ drawer: { ...drawer, expectedFloat: '150' } }).map((i) => i.path)).toEqual(['drawer.expectedFloat']);
  });
});

describe('utilityProfileSchema: sync settings (issue 12)', () => {
  it('a profile without sync settings lists entries as stuck after 15 minutes', () => {
    const { sync: _sync, ...before } = portlandWaterBureau;
    expect(utilityProfileSchema.parse(before).sync).toEqual({ stuckAfterMinutes: 15 });
    expect(utilityProfileSchema.parse({ ...before, sync: {} }).sync.stuckAfterMinutes).toBe(15);
  });

  it('takes whole minutes from 1 to a day, naming the field otherwise', () => {
    expect(utilityProfileSchema.parse({ ...portlandWaterBureau, sync: { stuckAfterMinutes: 60 } }).sync.stuckAfterMinutes).toBe(60);
    for (const bad of [0, 1441, 2.5, '15']) expect(issues({ sync: { stuckAfterMinutes: bad } }).map((i) => i.path)).toEqual(['sync.stuckAfterMinutes']);
  });
});
