import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../../shared/accounts/account';
import { printRequestSchema } from '../../../../shared/bridge/bridge';
import type { MoneyString } from '../../../../shared/money/money';
import { portlandWaterBureau } from '../../../../shared/profiles';
import { utilityProfileSchema } from '../../../../shared/profiles/schema';
import { balanceAfter, formatTakenAt, receiptPrintData, type ReceiptInput } from '../../../../shared/receipt/receipt';
import { PAYMENT_ID, portsmouthFormat, sampleAccount, samplePayment } from '../fixtures';

// The receipt prints the station's local time; the station stands in Portland.
let savedTz: string | undefined;
beforeAll(() => {
  savedTz = process.env.TZ;
  process.env.TZ = 'America/Los_Angeles';
});
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

function input(overrides: Partial<ReceiptInput> = {}): ReceiptInput {
  return {
    payment: samplePayment(),
    profile: portlandWaterBureau,
    stationName: 'Walk-in window 1',
    accounts: { '1000000001': sampleAccount() },
    synced: true,
    paperWidth: '80mm',
    ...overrides,
  };
}

const values = (i: ReceiptInput) => receiptPrintData(i).map((item) => item.value);
const row = (label: string, amount: string) => `<span>${label}</span><span>${amount}</span>`;

describe('receiptPrintData for a PWB cash payment', () => {
  let v: string[] = [];
  beforeAll(() => {
    v = values(input());
  });

  it('starts with the header lines, the center, its address and phone', () => {
    expect(v.slice(0, 6)).toEqual([
      'City of Portland',
      'Portland Water Bureau',
      'Walk-in Center',
      '664 N. Tillamook St.',
      'Portland, OR 97227',
      '503-823-7770',
    ]);
  });

  it('names the copy, date, station, cashier and transaction', () => {
    expect(v).toContain('Receipt');
    expect(v).toContain(row('Date', '03/14/2025 10:05'));
    expect(v).toContain(row('Station', 'Walk-in window 1'));
    expect(v).toContain(row('Cashier', 'jdoe'));
    expect(v).toContain(`Transaction ${PAYMENT_ID}`);
  });

  it('shows the account, its holder and service address, the amount applied and the balance after, in that order', () => {
    const at = (s: string) => v.indexOf(s);
    const order = [
      'Account 1000000001',
      'Maria Delgado',
      '1234 NE Alberta St, Portland, OR 97211',
      row('Amount applied', '$182.40'),
      row('Balance after payment', '$0.00'),
    ].map(at);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('shows the tender, total, tendered and change to the cent', () => {
    expect(v).toContain(row('Cash: bills', '$200.00'));
    expect(v).toContain(row('Cash: coins', '$0.00'));
    expect(v).toContain(row('Total paid', '$182.40'));
    expect(v).toContain(row('Tendered', '$200.00'));
    expect(v).toContain(row('Change', '$17.60'));
  });

  it('ends with the footer, including the $35.00 returned-payment fee', () => {
    expect(v.slice(-3)).toEqual([
      'A returned payment carries a $35.00 fee.',
      'Pay by phone: 503-823-7770, press 1.',
      'Thank you.',
    ]);
  });

  it('says "Pending sync" only while the payment waits in the outbox', () => {
    expect(v).not.toContain('Pending sync');
    const pending = values(input({ synced: false }));
    expect(pending.filter((x) => x === 'Pending sync')).toHaveLength(1);
    expect(pending.length).toBe(v.length + 2);
  });

  it('prints "Reprint" when asked', () => {
    const r = values(input({ copyLabel: 'Reprint' }));
    expect(r).toContain('Reprint');
    expect(r).not.toContain('Receipt');
  });

  it('prints a line without details for an account it does not know', () => {
    const r = values(input({ accounts: {} }));
    expect(r).toContain('Account 1000000001');
    expect(r).toContain(row('Amount applied', '$182.40'));
    expect(r).not.toContain('Maria Delgado');
    expect(r.some((x) => x.includes('Balance after payment'))).toBe(false);
  });

  it('prints one block per line, each with its own balance after', () => {
    const payment = samplePayment({
      lines: [
        { accountNumber: '1000000001', amount: '100.00' },
        { accountNumber: '1000000002', amount: '82.40' },
      ],
    });
    const accounts = {
      '1000000001': sampleAccount(),
      '1000000002': sampleAccount({ number: '1000000002', name: 'Lee Tran', balance: '50.00' }),
    };
    const r = values(input({ payment, accounts }));
    expect(r).toContain(row('Balance after payment', '$82.40'));
    expect(r).toContain(row('Balance after payment', '-$32.40'));
    expect(r.indexOf('Lee Tran')).toBeGreaterThan(r.indexOf(row('Balance after payment', '$82.40')));
  });

  it('writes the account number the way the profile does', () => {
    const portsmouthLike = utilityProfileSchema.parse({ ...portlandWaterBureau, accountNumber: portsmouthFormat });
    const payment = samplePayment({ lines: [{ accountNumber: '123456789012', amount: '182.40' }] });
    expect(values(input({ profile: portsmouthLike, payment, accounts: {} }))).toContain('Account 1234567890-12');
  });

  it('is a valid print request for the printer bridge', () => {
    const items = receiptPrintData(input({ synced: false }));
    expect(printRequestSchema.safeParse({ items, paperWidth: '80mm' }).success).toBe(true);
  });

  it('matches the stored layout', () => {
    expect(receiptPrintData(input({ synced: false }))).toMatchSnapshot();
  });
});

describe('receipt escaping: text from data never becomes HTML', () => {
  const hostile = '<img src=x onerror=alert(1)>';

  it('an account named with markup prints as text', () => {
    const accounts: Record<string, Account> = { '1000000001': sampleAccount({ name: hostile }) };
    const v = values(input({ accounts }));
    expect(v).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(v.some((x) => x.includes('<img'))).toBe(false);
  });

  it('every data field is escaped: station, cashier, address, header', () => {
    const profile = utilityProfileSchema.parse({
      ...portlandWaterBureau,
      receipt: { headerLines: [`Water & "Sewer" <b>`], footerLines: [`It's <script>x</script>`] },
    });
    const v = values(
      input({
        profile,
        stationName: '<i>1</i>',
        payment: samplePayment({ cashier: '<svg onload=x>' }),
        accounts: { '1000000001': sampleAccount({ serviceAddress: '1 Main St <iframe>' }) },
        copyLabel: '<u>Reprint</u>',
      }),
    );
    expect(v[0]).toBe('Water &amp; &quot;Sewer&quot; &lt;b&gt;');
    expect(v.at(-1)).toBe('It&#39;s &lt;script&gt;x&lt;/script&gt;');
    expect(v).toContain(row('Cashier', '&lt;svg onload=x&gt;'));
    expect(v).toContain(row('Station', '&lt;i&gt;1&lt;/i&gt;'));
    expect(v).toContain('1 Main St &lt;iframe&gt;');
    expect(v).toContain('&lt;u&gt;Reprint&lt;/u&gt;');
    // Apart from the receipt's own <span> pairs, no "<" reaches the printer's HTML.
    for (const x of v) expect(x.replace(/<\/?span>/g, '')).not.toContain('<');
  });
});

describe('formatTakenAt and balanceAfter', () => {
  it('writes the station-local date and time, MM/DD/YYYY HH:MM', () => {
    expect(formatTakenAt('2025-03-14T17:05:00.000Z')).toBe('03/14/2025 10:05');
    expect(formatTakenAt('2025-01-02T08:59:00-08:00')).toBe('01/02/2025 08:59');
    expect(formatTakenAt('2025-12-31T23:30:00-08:00')).toBe('12/31/2025 23:30');
  });

  it('subtracts the amount applied from the balance, to the cent', () => {
    expect(balanceAfter(sampleAccount({ balance: '250.00' }), '182.40' as MoneyString)).toBe('67.60');
    expect(balanceAfter(sampleAccount({ balance: '100.00' }), '182.40' as MoneyString)).toBe('-82.40');
    expect(balanceAfter(sampleAccount({ balance: '-5.00' }), '0.10' as MoneyString)).toBe('-5.10');
    expect(balanceAfter(undefined, '182.40' as MoneyString)).toBeNull();
  });
});
