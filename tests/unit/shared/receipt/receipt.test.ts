import { describe, expect, it } from 'vitest';
import type { Account } from '../../../../shared/accounts/account';
import { printRequestSchema } from '../../../../shared/bridge/bridge';
import type { MoneyString } from '../../../../shared/money/money';
import { clackamasWes, portlandWaterBureau, portsmouth, profiles } from '../../../../shared/profiles';
import { utilityProfileSchema } from '../../../../shared/profiles/schema';
import { LABELS, LANGUAGES } from '../../../../shared/receipt/i18n';
import { columns, PAPER } from '../../../../shared/receipt/layout';
import { balanceAfter, creditKept, opensDrawer, postedPaymentCopies, receiptPrintData, receiptText, type ReceiptInput } from '../../../../shared/receipt/receipt';
import { PAYMENT_ID, portsmouthFormat, sampleAccount, samplePayment } from '../fixtures';
import { accountFor, missingWords, richCase, splitCase, visibleText } from './helpers';

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

/** The receipt as printed text, one string per line (rows padded to the paper's width). */
const text = (i: ReceiptInput) => receiptText(i);
const joined = (i: ReceiptInput) => text(i).join('\n');
/** "Label ...... value" at 80 mm, as the plain text pads a row. */
const row = (label: string, value: string, width = 48) => `${label}${' '.repeat(width - columns(label) - columns(value))}${value}`;

describe('receipt for a PWB cash payment, in English at 80 mm', () => {
  const lines = text(input());

  it('starts with the utility, the center, its address and phone', () => {
    expect(lines.slice(0, 6).map((l) => l.trim())).toEqual([
      'City of Portland',
      'Portland Water Bureau',
      'Walk-in Center',
      '664 N. Tillamook St.',
      'Portland, OR 97227',
      '503-823-7770',
    ]);
  });

  it('names the copy, date and time in the utility’s zone, station, cashier and transaction', () => {
    expect(lines.map((l) => l.trim())).toContain('Receipt');
    expect(lines).toContain(row('Date', '03/14/2025, 10:05 AM'));
    expect(lines).toContain(row('Station', 'Walk-in window 1'));
    expect(lines).toContain(row('Cashier', 'jdoe'));
    expect(lines).toContain(row('Transaction', PAYMENT_ID));
  });

  it('shows the account, its holder and service address, the amount applied and the balance after, in order', () => {
    const order = [
      'Account 1000000001',
      'Maria Delgado',
      '1234 NE Alberta St, Portland, OR 97211',
      row('Amount applied', '$182.40'),
      row('Balance after payment', '$0.00'),
    ].map((s) => lines.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('shows the cash, total, tendered and change to the cent; a zero coin count is left out', () => {
    expect(lines).toContain(row('Cash: bills', '$200.00'));
    expect(lines.some((l) => l.startsWith('Cash: coins'))).toBe(false);
    expect(lines).toContain(row('Total paid', '$182.40'));
    expect(lines).toContain(row('Tendered', '$200.00'));
    expect(lines).toContain(row('Change', '$17.60'));
  });

  it('prints the returned-payment fee from the profile’s fees, as a condition not a charge, then the footer', () => {
    const fee = lines.indexOf(row('Returned payment fee', '$35.00'));
    expect(fee).toBeGreaterThan(0);
    expect(lines.slice(fee - 2, fee).join(' ')).toMatch(/^Not charged today\. If this payment is returned\s+unpaid:$/);
    expect(lines.slice(-2).map((l) => l.trim())).toEqual(['Pay by phone: 503-823-7770, press 1.', 'Thank you.']);
    expect(lines.filter((l) => l.includes('$35.00'))).toHaveLength(1);
  });

  it('keeps no credit line when the payment does not exceed the balance', () => {
    expect(lines.some((l) => l.startsWith('Kept as credit'))).toBe(false);
  });
});

describe('receipt contents', () => {
  it('says "Pending sync" only while the payment waits in the outbox', () => {
    expect(joined(input())).not.toContain('Pending sync');
    expect(text(input({ synced: false })).filter((l) => l.trim() === 'Pending sync')).toHaveLength(1);
  });

  it.each([
    [undefined, 'Receipt'],
    ['Receipt', 'Receipt'],
    ['Reprint', 'Reprint'],
    ['Drawer copy', 'Drawer copy'],
    ['Copy for the customer', 'Copy for the customer'],
  ])('copy label %j prints %j', (copyLabel, title) => {
    const t = text(input(copyLabel === undefined ? {} : { copyLabel })).map((l) => l.trim());
    expect(t).toContain(title);
    if (title !== 'Receipt') expect(t).not.toContain('Receipt');
  });

  it('translates the known copy labels', () => {
    expect(text(input({ copyLabel: 'Reprint', language: 'vi' })).map((l) => l.trim())).toContain('In lại');
    expect(text(input({ copyLabel: 'Drawer copy', language: 'zh' })).map((l) => l.trim())).toContain('钱箱存根');
  });

  it('prints each tender with its check number, money order serial, card brand and last four, and nothing more', () => {
    const { payment, accounts } = richCase(portlandWaterBureau);
    const t = joined(input({ payment, accounts }));
    expect(t).toContain(row('Cash: bills', '$20.00'));
    expect(t).toContain(row('Cash: coins', '$4.75'));
    expect(t).toContain(row('Check #1234567890', '$100.00'));
    expect(t).toContain(row('Money order #MO-55221087', '$100.00'));
    expect(t).toContain(row('Visa ending 4242', '$112.40'));
    expect(t).toContain(row('Change', '$4.75'));
    // The routing number and the approval code stay in the journal.
    expect(t).not.toContain('011000015');
    expect(t).not.toContain('APPR77');
  });

  it('one block per account, each with its own credit and balance after', () => {
    const { payment, accounts } = splitCase();
    const t = text(input({ payment, accounts }));
    expect(t).toContain(row('Balance after payment', '$0.00'));
    expect(t).toContain(row('Kept as credit', '$32.40'));
    expect(t).toContain(row('Balance after payment', '-$32.40'));
    expect(t.indexOf('Lê Văn Tâm')).toBeGreaterThan(t.indexOf(row('Balance after payment', '$0.00')));
  });

  it('prints a line without details for an account it does not know', () => {
    const t = text(input({ accounts: {} }));
    expect(t).toContain('Account 1000000001');
    expect(t).toContain(row('Amount applied', '$182.40'));
    expect(t.join('\n')).not.toContain('Maria Delgado');
    expect(t.join('\n')).not.toContain('Balance after payment');
  });

  it('writes the account number the way the profile does', () => {
    const portsmouthLike = utilityProfileSchema.parse({ ...portlandWaterBureau, accountNumber: portsmouthFormat });
    const payment = samplePayment({ lines: [{ accountNumber: '123456789012', amount: '182.40' }] });
    expect(text(input({ profile: portsmouthLike, payment, accounts: {} }))).toContain('Account 1234567890-12');
  });

  it('prints the memo when there is one', () => {
    expect(joined(input({ payment: samplePayment({ memo: 'Paid for the tenant upstairs.' }) }))).toContain('Memo: Paid for the tenant upstairs.');
    expect(joined(input())).not.toContain('Memo');
  });

  it('writes the time in the zone the caller passes (Portsmouth: America/New_York)', () => {
    const payment = samplePayment({ utility: 'portsmouth', lines: [{ accountNumber: '123456789012', amount: '182.40' }] });
    expect(text(input({ profile: portsmouth, payment, accounts: {}, timeZone: 'America/New_York' }))).toContain(row('Date', '03/14/2025, 01:05 PM'));
  });
});

describe('restoration after a shut-off (PWB)', () => {
  const shutOff = (more: Partial<Account> = {}) => sampleAccount({ balance: '412.70', pastDue: '412.70', status: 'shut_off', ...more });
  const paying = (amount: string) => samplePayment({ lines: [{ accountNumber: '1000000001', amount }], tenders: [{ kind: 'cash', bills: amount, coins: '0.00' }], total: amount, tendered: amount, change: '0.00' });

  it('shut off more than once: the amount to post, and that this payment met it', () => {
    const t = joined(input({ payment: paying('206.35'), accounts: { '1000000001': shutOff({ shutOffsLast12Months: 2 }) } }));
    expect(t.replace(/\s+/g, ' ')).toContain('To restore service, $206.35 (50% of the balance) must be posted, plus a payment arrangement for the rest. This payment meets it.');
  });

  it('shut off more than once: what is still short when it did not', () => {
    const t = joined(input({ payment: paying('200.00'), accounts: { '1000000001': shutOff({ shutOffsLast12Months: 2 }) } }));
    expect(t.replace(/\s+/g, ' ')).toContain('This payment does not meet it: $6.35 short.');
  });

  it('beyond shut-off: the whole balance', () => {
    const t = joined(input({ payment: paying('412.70'), accounts: { '1000000001': shutOff({ shutOffsLast12Months: 1, beyondShutOff: true }) } }));
    expect(t.replace(/\s+/g, ' ')).toContain('$412.70 (100% of the balance) must be posted');
    expect(t).toContain('This payment meets it.');
  });

  it('shut off once: the promise amount; the promise stands when today’s payment is smaller', () => {
    const t = joined(input({ payment: paying('100.00'), accounts: { '1000000001': shutOff({ shutOffsLast12Months: 1 }) } })).replace(/\s+/g, ' ');
    expect(t).toContain('Service is restored on a promise to pay $206.35 (50% of the balance) within 3 business days');
    expect(t).not.toContain('does not meet');
    expect(t).not.toContain('meets it');
  });

  it('says nothing of restoration for an account that is not shut off', () => {
    expect(joined(input())).not.toMatch(/restore/i);
  });
});

describe('the profile’s notices', () => {
  it('WES: the certified-charges notice under a certified account, and no returned-payment fee (WES lists none)', () => {
    const certified = accountFor(clackamasWes, 1, { status: 'certified', certifiedAmount: '412.08', balance: '96.50' });
    const payment = samplePayment({ utility: 'wes', lines: [{ accountNumber: certified.number, amount: '96.50' }], tenders: [{ kind: 'cash', bills: '100.00', coins: '0.00' }], total: '96.50', tendered: '100.00', change: '3.50' });
    const t = joined(input({ profile: clackamasWes, payment, accounts: { [certified.number]: certified } })).replace(/\s+/g, ' ');
    expect(t).toContain(clackamasWes.certified?.receiptNotice);
    expect(t).not.toContain('Returned payment');
    const current = { ...certified, status: 'current' as const };
    expect(joined(input({ profile: clackamasWes, payment, accounts: { [certified.number]: current } })).replace(/\s+/g, ' ')).not.toContain('Certified charges');
  });

  it('a final-billed account carries the profile’s final-bill notice', () => {
    const t = joined(input({ accounts: { '1000000001': sampleAccount({ status: 'final_billed', dueDate: null }) } }));
    expect(t).toContain('Final-billed account: no payment arrangements.');
    expect(joined(input())).not.toContain('Final-billed');
  });
});

describe('line fitting: every profile × language × paper width', () => {
  const cases = Object.values(profiles).flatMap((profile) => LANGUAGES.flatMap((language) => (['58mm', '80mm'] as const).map((paperWidth) => ({ profile, language, paperWidth }))));

  it.each(cases.map((c) => [c.profile.id, c.language, c.paperWidth, c] as const))('%s %s %s: no line is longer than the paper, no word is split', (_p, _l, _w, c) => {
    const { payment, accounts } = richCase(c.profile);
    const i = input({ ...c, payment, accounts, synced: false, copyLabel: 'Drawer copy', stationName: 'Walk-in window 1 (north lobby)' });
    const width = PAPER[c.paperWidth].columns;
    const items = receiptPrintData(i);
    const lines = receiptText(i);

    // The items the printer gets, as they show: each one line, within the columns, kept as laid out.
    for (const item of items) {
      const shown = visibleText(item);
      expect(columns(shown), shown).toBeLessThanOrEqual(width);
      if (item.type === 'text' && shown !== '') expect(item.style).toMatchObject({ whiteSpace: 'pre', fontSize: `${PAPER[c.paperWidth].fontSizePx}px` });
    }
    for (const line of lines) expect(columns(line), line).toBeLessThanOrEqual(width);

    // Every word of the data and the profile's texts is printed whole (the multiset of words).
    const t = LABELS[c.language];
    const sources = [
      ...c.profile.receipt.headerLines,
      c.profile.center.name,
      ...c.profile.center.addressLines,
      c.profile.center.phone,
      ...c.profile.receipt.footerLines,
      ...Object.values(accounts).flatMap((a) => [a.name, a.serviceAddress]),
      t.memo(payment.memo),
      i.stationName,
      payment.cashier,
      ...(c.profile.certified ? [c.profile.certified.receiptNotice] : []),
      ...(c.profile.id === 'portsmouth' && c.profile.finalBilled ? [c.profile.finalBilled.notice] : []),
    ];
    expect(missingWords(sources, lines, width, columns)).toEqual([]);

    // The one word longer than 32 columns, the transaction id, is split only at its dashes.
    if (c.paperWidth === '58mm') {
      const at = lines.findIndex((l) => l.trim() === '0195939a-6f40-7abc-8def-');
      expect(lines[at + 1]?.trim()).toBe('0123456789ab');
    }
    else expect(lines.some((l) => l.endsWith(PAYMENT_ID))).toBe(true);

    expect(printRequestSchema.safeParse({ items, paperWidth: c.paperWidth }).success).toBe(true);
  });
});

describe('receipt languages', () => {
  it('prints the counter’s labels in the customer’s language and the utility’s texts as the profile writes them', () => {
    const { payment, accounts } = splitCase();
    const t = text(input({ payment, accounts, language: 'vi' }));
    expect(t).toContain(row('Số tiền thanh toán', '100,00\u00a0US$'));
    expect(t).toContain(row('Séc số 1042', '150,00\u00a0US$'));
    expect(t).toContain(row('Tiền thối lại', '7,60\u00a0US$'));
    expect(t).toContain(row('Ngày', '10:05 14/03/2025'));
    expect(t.map((l) => l.trim())).toContain('Thank you.');
  });

  it('Chinese rows are padded by columns: a CJK character takes two', () => {
    const t = text(input({ language: 'zh', paperWidth: '58mm' }));
    const total = t.find((l) => l.startsWith('实付合计'));
    expect(total).toBe(`实付合计${' '.repeat(32 - 8 - 9)}US$182.40`);
    expect(columns(total ?? '')).toBe(32);
  });
});

describe('receipt escaping: text from data never becomes HTML', () => {
  const hostile = '<img src=x onerror=alert(1)>';

  it('an account named with markup prints as text', () => {
    const items = receiptPrintData(input({ accounts: { '1000000001': sampleAccount({ name: hostile }) } }));
    const values = items.map((x) => x.value);
    expect(values).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(values.some((x) => x.includes('<img'))).toBe(false);
    expect(printRequestSchema.safeParse({ items, paperWidth: '80mm' }).success).toBe(true);
  });

  it('every text is escaped: station, cashier, address, memo, card brand, header, footer, copy label', () => {
    const profile = utilityProfileSchema.parse({
      ...portlandWaterBureau,
      receipt: { headerLines: [`Water & "Sewer" <b>`], footerLines: [`It's <script>x</script>`] },
    });
    const items = receiptPrintData(
      input({
        profile,
        stationName: '<i>1</i>',
        payment: samplePayment({
          cashier: '<svg onload=x>',
          memo: '<iframe src=//evil>',
          tenders: [{ kind: 'card', amount: '200.00', brand: '<b onclick=x>Visa', last4: '4242', approvalCode: 'A1' }],
          change: '17.60',
        }),
        accounts: { '1000000001': sampleAccount({ serviceAddress: '1 Main St <iframe>' }) },
        copyLabel: '<u>Reprint</u>',
      }),
    );
    const values = items.map((x) => x.value);
    expect(values[0]).toBe('Water &amp; &quot;Sewer&quot; &lt;b&gt;');
    expect(values.at(-1)).toBe('It&#39;s &lt;script&gt;x&lt;/script&gt;');
    expect(values).toContain('<span>Cashier</span><span>&lt;svg onload=x&gt;</span>');
    expect(values).toContain('<span>Station</span><span>&lt;i&gt;1&lt;/i&gt;</span>');
    expect(values).toContain('1 Main St &lt;iframe&gt;');
    expect(values).toContain('&lt;u&gt;Reprint&lt;/u&gt;');
    expect(values.join('\n')).toContain('&lt;b onclick=x&gt;Visa ending 4242');
    // Apart from the rows' own <span> pairs, no "<" reaches the printer's HTML.
    for (const x of values) expect(x.replace(/<\/?span>/g, '')).not.toContain('<');
    expect(printRequestSchema.safeParse({ items, paperWidth: '80mm' }).success).toBe(true);
  });
});

describe('snapshots', () => {
  /** The print items in full, each distinct style written once and referred to by number, and the text. */
  function printed(i: ReceiptInput) {
    const styles: string[] = [];
    const items = receiptPrintData(i).map((item) => {
      const { style, ...rest } = item.type === 'text' ? item : { ...item, style: undefined };
      const key = JSON.stringify(style ?? null);
      if (!styles.includes(key)) styles.push(key);
      return `${styles.indexOf(key)} ${JSON.stringify(rest)}`;
    });
    return { text: receiptText(i), items, styles: styles.map((k) => JSON.parse(k) as unknown) };
  }

  it.each(['58mm', '80mm'] as const)('a split cash + check payment over two accounts at %s', (paperWidth) => {
    const { payment, accounts } = splitCase();
    expect(printed(input({ payment, accounts, paperWidth, synced: false }))).toMatchSnapshot();
  });

  it('the same payment in Vietnamese at 80 mm', () => {
    const { payment, accounts } = splitCase();
    expect(printed(input({ payment, accounts, paperWidth: '80mm', language: 'vi' }))).toMatchSnapshot();
  });
});

describe('opensDrawer, balanceAfter, creditKept', () => {
  it('the drawer opens for a payment with cash, and only then', () => {
    expect(opensDrawer(samplePayment())).toBe(true);
    expect(opensDrawer(splitCase().payment)).toBe(true);
    expect(opensDrawer(samplePayment({ tenders: [{ kind: 'check', amount: '182.40', checkNumber: '1', routingNumber: null }] }))).toBe(false);
    expect(opensDrawer(samplePayment({ tenders: [{ kind: 'card', amount: '182.40', brand: 'Visa', last4: '4242', approvalCode: 'A1' }] }))).toBe(false);
  });

  it('balanceAfter subtracts the amount applied, to the cent', () => {
    const m = (s: string) => s as MoneyString;
    expect(balanceAfter(sampleAccount({ balance: '250.00' }), m('182.40'))).toBe('67.60');
    expect(balanceAfter(sampleAccount({ balance: '100.00' }), m('182.40'))).toBe('-82.40');
    expect(balanceAfter(sampleAccount({ balance: '-5.00' }), m('0.10'))).toBe('-5.10');
    expect(balanceAfter(undefined, m('182.40'))).toBeNull();
  });

  it('creditKept is the part beyond what was owed; all of it when the account already had a credit', () => {
    const m = (s: string) => s as MoneyString;
    expect(creditKept(sampleAccount({ balance: '50.00' }), m('82.40'))).toBe('32.40');
    expect(creditKept(sampleAccount({ balance: '82.40' }), m('82.40'))).toBeNull();
    expect(creditKept(sampleAccount({ balance: '-12.00' }), m('10.00'))).toBe('10.00');
    expect(creditKept(undefined, m('10.00'))).toBeNull();
  });
});

describe('postedPaymentCopies', () => {
  const check = samplePayment({ tenders: [{ kind: 'check', amount: '182.40', checkNumber: '1', routingNumber: null }] });
  it('prints the receipt alone where the profile keeps no drawer copy, kicking the drawer only for cash with the kick on', () => {
    expect(postedPaymentCopies(samplePayment(), portlandWaterBureau, { openDrawerOnCash: true })).toEqual([{ copyLabel: 'Receipt', openDrawer: true }]);
    expect(postedPaymentCopies(samplePayment(), portlandWaterBureau, { openDrawerOnCash: false })).toEqual([{ copyLabel: 'Receipt', openDrawer: false }]);
    expect(postedPaymentCopies(check, portlandWaterBureau, { openDrawerOnCash: true })).toEqual([{ copyLabel: 'Receipt', openDrawer: false }]);
  });
  it('adds a drawer copy, which never opens the drawer, where the profile asks for one', () => {
    expect(portsmouth.receipt.drawerCopy).toBe(true);
    expect(postedPaymentCopies(samplePayment(), portsmouth, { openDrawerOnCash: true })).toEqual([
      { copyLabel: 'Receipt', openDrawer: true },
      { copyLabel: 'Drawer copy', openDrawer: false },
    ]);
    expect(postedPaymentCopies(check, portsmouth, { openDrawerOnCash: true }).map((c) => c.openDrawer)).toEqual([false, false]);
  });
  it('a drawer copy says so at the top', () => {
    const text = receiptText({ payment: samplePayment(), profile: portsmouth, stationName: 'Window 1', accounts: {}, synced: false, paperWidth: '80mm', copyLabel: 'Drawer copy' }).join('\n');
    expect(text).toContain('Drawer copy');
  });
});
