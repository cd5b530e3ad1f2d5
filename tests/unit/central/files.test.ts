/** The billing-system files: CSV itself, importing accounts (all or nothing), and exporting the day's postings to the cent. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExport, runImport, type Io } from '../../../central/src/commands';
import { parseCsv, toCsv } from '../../../central/src/csv';
import { openPglite } from '../../../central/src/db';
import { exportPostings, POSTINGS_CSV_HEADER } from '../../../central/src/export';
import { ACCOUNT_CSV_HEADER, importAccountsCsv, readAccountsCsv } from '../../../central/src/import';
import { migrate } from '../../../central/src/migrations';
import { postPayments } from '../../../central/src/payments';
import { postVoids } from '../../../central/src/voids';
import { UTILITY_TIME_ZONES, utilitiesWithoutZone } from '../../../central/src/zones';
import { Decimal } from '../../../shared/money/money';
import { tenderSchema, type Tender } from '../../../shared/payments/payment';
import { voidSchema } from '../../../shared/payments/void';
import { accountFeedResponseSchema } from '../../../shared/sync/protocol';
import { AUTH, balanceOf, openTestCentral, tenderedPayment } from './helpers';

const HEADER = ACCOUNT_CSV_HEADER.join(',');
const tender = (t: Record<string, unknown>): Tender => tenderSchema.parse(t);
const noPostgres = { ...process.env, DATABASE_URL: '' };

function capture(): Io & { outs: string[]; errs: string[]; written: string } {
  const io = {
    outs: [] as string[],
    errs: [] as string[],
    written: '',
    out: (l: string) => void io.outs.push(l),
    err: (l: string) => void io.errs.push(l),
    write: (t: string) => void (io.written += t),
  };
  return io;
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'central-files-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('CSV', () => {
  it('writes and reads back any text: commas, quotes, line breaks, spaces, empty fields', () => {
    const rows = [
      ['plain', 'Smith, John "Jack"', '"', '', ' padded ', 'two\r\nlines', 'lf\nonly', ',', '""'],
      ['', '', '', '', '', '', '', '', 'last'],
    ];
    const text = toCsv(rows);
    expect(text.split('\r\n')[0]).toBe('plain,"Smith, John ""Jack""","""",, padded ,"two');
    const back = parseCsv(text);
    expect(back.errors).toEqual([]);
    expect(back.records.map((r) => r.fields)).toEqual(rows);
    expect(back.records.map((r) => r.line)).toEqual([1, 4]); // the first record spans lines 1 to 3
  });

  it('reads LF files, skips blank lines and a byte-order mark, and names the line of each syntax error', () => {
    const parsed = parseCsv('\uFEFFa,b\n\nc,"d\n"\ne"f,g\nh,"i"j\nk,l\n"never closed,m\n');
    expect(parsed.records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['c', 'd\n'] },
      { line: 7, fields: ['k', 'l'] },
    ]);
    expect(parsed.errors).toEqual([
      { line: 5, message: expect.stringMatching(/^a quote inside a field that is not quoted/) },
      { line: 6, message: expect.stringMatching(/^text after a closing quote/) },
      { line: 8, message: expect.stringMatching(/^a quoted field is never closed/) },
    ]);
  });
});

const GOOD = [
  HEADER,
  'pwb,1000000001,"Delgado, Rosa ""Rosie""","2317 NE Alberta St, Apt ""B"", Portland, OR 97211",182.40,0.00,2025-06-20,current,0,false,',
  'pwb,1000000002,Tran Van Minh,5420 SE Foster Rd,96.15,96.15,2025-05-01,past_due,0,false,',
  'pwb,1000000008,New Customer,"1 N Main St',
  'Rear unit, Portland, OR 97217",10.00,0.00,,current,0,false,',
  'pwb,1000000007,Grace Whitaker,"2045 SE Division St, Portland, OR 97202",640.18,640.18,2025-03-10,shut_off,1,true,',
  'wes,200000001,Linda Okafor,"18 Beavercreek Rd, Oregon City, OR 97045",143.22,0.00,2025-06-14,certified,0,false,310.55',
  'portsmouth,123456789012,Samuel Whitcomb,"44 Market St, Portsmouth, NH 03801",-12.50,0.00,2025-06-22,current,0,false,',
].join('\r\n');

describe('importing accounts', () => {
  it('upserts a good file in one go; only new and changed accounts move in the feed', async () => {
    const c = await openTestCentral(0);
    try {
      const feed = async (after: string) =>
        accountFeedResponseSchema.parse((await c.app.inject({ method: 'GET', url: `/v1/accounts/pwb?after=${after}&limit=5000`, headers: AUTH })).json());
      const { cursor } = await feed('0');
      const result = await importAccountsCsv(c.db, GOOD);
      // Every known account differs from the demo somewhere (a name, a due date, a balance); 1000000008 is new.
      expect(result).toMatchObject({ ok: true, total: 6, inserted: 1 });
      const changed = await feed(cursor);
      expect(changed.accounts.map((a) => a.number).sort()).toEqual(['1000000001', '1000000002', '1000000007', '1000000008']);
      const rosa = changed.accounts.find((a) => a.number === '1000000001');
      expect(rosa).toMatchObject({ name: 'Delgado, Rosa "Rosie"', serviceAddress: '2317 NE Alberta St, Apt "B", Portland, OR 97211', dueDate: '2025-06-20' });
      expect(changed.accounts.find((a) => a.number === '1000000008')).toMatchObject({ serviceAddress: '1 N Main St, Rear unit, Portland, OR 97217', dueDate: null });
      expect(changed.accounts.find((a) => a.number === '1000000007')).toMatchObject({ beyondShutOff: true, shutOffsLast12Months: 1 });
      expect(await balanceOf(c.db, 'portsmouth', '123456789012')).toEqual({ balance: '-12.50', pastDue: '0.00' });

      // The same file again changes nothing and moves nothing.
      expect(await importAccountsCsv(c.db, GOOD)).toEqual({ ok: true, total: 6, inserted: 0, changed: 0, unchanged: 6 });
      const after = await feed(changed.cursor);
      expect(after.accounts).toEqual([]);
      // One balance changed by the billing system: that account alone comes through the feed.
      const once = await importAccountsCsv(c.db, GOOD.replace('96.15,96.15', '90.00,90.00'));
      expect(once).toEqual({ ok: true, total: 6, inserted: 0, changed: 1, unchanged: 5 });
      expect((await feed(changed.cursor)).accounts.map((a) => [a.number, a.balance, a.pastDue])).toEqual([['1000000002', '90.00', '90.00']]);
      // A day with nothing taken exports the header alone.
      expect(await exportPostings(c.db, '2024-01-01')).toEqual({ csv: `${POSTINGS_CSV_HEADER.join(',')}\r\n`, rows: 0, payments: 0 });
    } finally {
      await c.close();
    }
  });

  it('imports nothing when two rows are bad, and names every problem by its line', async () => {
    const bad = [
      HEADER,
      'pwb,1000000011,Ann Lee,1 A St,10.00,0.00,,current,0,false,',
      'pwb,1000000012,Bo Ray,2 B St,12.345,0.00,,current,0,false,',
      'pwb,1000000013,Cy Dee,"3 C St',
      'Unit 2",10.00,0.00,2025-06-01,current,0,false,',
      'nowhere,1000000014,Di Eve,4 D St,1.00,0.00,2025-02-30,current,two,false,',
      'pwb,1000000015,Ed Fox,5 E St,1.00,0.00,,current,0,false,',
    ].join('\n');
    const db = await openPglite();
    try {
      await migrate(db);
      const result = await importAccountsCsv(db, bad);
      expect(result).toEqual({
        ok: false,
        problems: [
          'line 3: balance: must be an amount with exactly two decimals, like 12.34 or -12.34',
          'line 6: utility: must be one of portsmouth, pwb, wes',
          'line 6: due_date: must be a real date written YYYY-MM-DD, or empty',
          'line 6: shut_offs_12m: must be a whole number of shut-offs, 0 to 999',
        ],
      });
      expect(await db.query('select count(*)::int as n from accounts')).toEqual([{ n: 0 }]);
      // (cli.test.ts runs the same through the real command line: exit 1, every bad line on stderr.)
    } finally {
      await db.close();
    }
  });

  it.each([
    ['a wrong header', 'utility,number,name\npwb,1000000001,A', ['line 1: header: must be exactly utility,number,name,service_address,balance,past_due,due_date,status,shut_offs_12m,beyond_shut_off,certified_amount']],
    ['a short row', `${HEADER}\npwb,1000000001,A,B,1.00`, ['line 2: row: has 5 fields; the header has 11']],
    ['a stray quote', `${HEADER}\npwb,1000000001,A "B",C,1.00,0.00,,current,0,false,`, [expect.stringMatching(/^line 2: row: a quote inside a field/)]],
    ['an account twice', `${HEADER}\npwb,1000000001,A,B,1.00,0.00,,current,0,false,\npwb,1000000001,A,B,2.00,0.00,,current,0,false,`, ['line 3: number: account 1000000001 at pwb is already on line 2']],
    ['a number of the wrong length, an empty name, a bad flag', `${HEADER}\nportsmouth,1234567890,  ,B,1.00,0.00,,current,0,yes,`, [
      'line 2: name: must not be empty',
      'line 2: beyond_shut_off: must be true or false',
      'line 2: number: must be 12 digits for portsmouth',
    ]],
    ['a name with a NUL, an address with a text-direction override, a name too long', `${HEADER}\npwb,1000000001,A\u0000B,C,1.00,0.00,,current,0,false,\npwb,1000000002,A,"1 \u202Etfel St",1.00,0.00,,current,0,false,\npwb,1000000003,${'x'.repeat(201)},C,1.00,0.00,,current,0,false,`, [
      'line 2: name: holds a control character (U+0000) at position 2: remove it',
      'line 3: service_address: holds a text-direction character (U+202E) at position 3: remove it',
      'line 4: name: must be at most 200 characters',
    ]],
    ['a bad status and certified amount', `${HEADER}\nwes,200000001,A,B,1.00,0.00,,overdue,0,false,1.5`, [
      expect.stringMatching(/^line 2: status: /),
      'line 2: certified_amount: must be an amount with exactly two decimals, like 12.34, or empty',
    ]],
  ])('refuses %s', (_, text, problems) => {
    expect(readAccountsCsv(text)).toEqual({ ok: false, problems });
  });
});

describe('exporting the day’s postings', () => {
  it('has a time zone for every utility profile: the profile’s own', () => {
    expect(utilitiesWithoutZone()).toEqual([]);
    expect(UTILITY_TIME_ZONES).toEqual({ pwb: 'America/Los_Angeles', wes: 'America/Los_Angeles', portsmouth: 'America/New_York' });
  });

  it('takes --date as the business day in each utility’s zone: 23:30 local is in, 00:30 local the next day is out', async () => {
    const db = await openPglite();
    try {
      await migrate(db);
      expect(await importAccountsCsv(db, GOOD)).toMatchObject({ ok: true });
      const cash = (amount: string) => tender({ kind: 'cash', bills: amount, coins: '0.00' });
      const pay = (utility: string, account: string, takenAt: string, amount: string) =>
        ({ ...tenderedPayment({ utility, takenAt, lines: [{ accountNumber: account, amount }], tenders: [cash(amount)] }), stationId: 'window-1' });
      const taken = [
        pay('pwb', '1000000001', '2026-11-19T23:30:00-08:00', '1.01'), // the day before: out
        pay('pwb', '1000000001', '2026-11-20T00:30:00-08:00', '2.02'), // in
        pay('pwb', '1000000001', '2026-11-20T23:30:00-08:00', '3.03'), // in, though already Nov 21 in UTC
        pay('pwb', '1000000001', '2026-11-21T00:30:00-08:00', '4.04'), // the next day: out
        pay('portsmouth', '123456789012', '2026-11-20T23:30:00-05:00', '5.05'), // in
        pay('portsmouth', '123456789012', '2026-11-21T00:30:00-05:00', '6.06'), // out, though still Nov 20 in Portland
      ];
      for (const p of taken) expect((await postPayments(db, [p]))[0]?.status).toBe('posted');
      const amounts = async (date: string) => parseCsv((await exportPostings(db, date)).csv).records.slice(1).map((r) => `${r.fields[2]} ${r.fields[4]} ${r.fields[5]}`);
      expect(await amounts('2026-11-20')).toEqual([
        'pwb 2.02 2026-11-20T00:30:00-08:00',
        'portsmouth 5.05 2026-11-20T23:30:00-05:00',
        'pwb 3.03 2026-11-20T23:30:00-08:00',
      ]);
      expect(await amounts('2026-11-21')).toEqual(['portsmouth 6.06 2026-11-21T00:30:00-05:00', 'pwb 4.04 2026-11-21T00:30:00-08:00']);

      // The 25-hour day the clocks fall back: 23:30 PST on Nov 1 is still Nov 1.
      expect((await postPayments(db, [pay('pwb', '1000000001', '2026-11-01T23:30:00-08:00', '7.07')]))[0]?.status).toBe('posted');
      expect((await postPayments(db, [pay('pwb', '1000000001', '2026-11-01T00:30:00-07:00', '8.08')]))[0]?.status).toBe('posted');
      expect(await amounts('2026-11-01')).toEqual(['pwb 8.08 2026-11-01T00:30:00-07:00', 'pwb 7.07 2026-11-01T23:30:00-08:00']);
    } finally {
      await db.close();
    }
  });

  it('imports, posts and exports through the commands: the day in each utility’s zone, to the cent, quoted, voids marked', async () => {
    const dataDir = join(dir, 'data');
    const accountsFile = join(dir, 'accounts.csv');
    await writeFile(accountsFile, GOOD);
    const imported = capture();
    expect(await runImport({ command: 'import-accounts', file: accountsFile, dataDir }, imported, noPostgres)).toBe(0);
    expect(imported.outs).toEqual([`import-accounts: imported 6 accounts from ${accountsFile} into PGlite at ${dataDir} (6 new, 0 changed, 0 unchanged)`]);

    const pay = (utility: string, takenAt: string, lines: Array<{ accountNumber: string; amount: string }>, tenders: Tender[], stationId = 'window-1') => ({
      ...tenderedPayment({ utility, takenAt, lines, tenders }),
      stationId,
    });
    const cash = (amount: string) => tender({ kind: 'cash', bills: amount, coins: '0.00' });
    // Posted one per batch, in this order: references P00000001 to P00000007.
    const payments = [
      // A: the first second of June 2 in Portland; a station id that needs quoting.
      pay('pwb', '2025-06-02T00:00:00-07:00', [{ accountNumber: '1000000001', amount: '10.00' }, { accountNumber: '1000000002', amount: '5.55' }],
        [cash('5.55'), tender({ kind: 'check', amount: '10.00', checkNumber: '501', routingNumber: null })], 'window 2, "east"'),
      // B: the last second of June 1 in Portland: out.
      pay('pwb', '2025-06-01T23:59:59-07:00', [{ accountNumber: '1000000001', amount: '1.00' }], [cash('1.00')]),
      // C: the last second of June 2 in Portland, sent in UTC; two cash tenders.
      pay('pwb', '2025-06-03T06:59:59Z', [{ accountNumber: '1000000008', amount: '100.01' }], [cash('100.00'), cash('0.01')]),
      // D: midnight starting June 3 in Portland: out.
      pay('pwb', '2025-06-03T00:00:00-07:00', [{ accountNumber: '1000000001', amount: '2.00' }], [cash('2.00')]),
      // P1: 1 a.m. June 2 in Portsmouth (still June 1 in Portland): in.
      pay('portsmouth', '2025-06-02T05:00:00Z', [{ accountNumber: '123456789012', amount: '33.33' }],
        [tender({ kind: 'card', amount: '33.33', brand: 'American Express', last4: '1005', approvalCode: 'AX77' })]),
      // P2: 1 a.m. June 3 in Portsmouth (still June 2 in Portland): out.
      pay('portsmouth', '2025-06-03T05:00:00Z', [{ accountNumber: '123456789012', amount: '4.00' }], [cash('4.00')]),
      // W: 11 a.m. in Oregon City, voided later.
      pay('wes', '2025-06-02T11:00:00-07:00', [{ accountNumber: '200000001', amount: '19.99' }], [tender({ kind: 'money_order', amount: '19.99', serial: 'MO-1' })]),
    ];
    const db = await openPglite(dataDir);
    try {
      // Received soon after they were taken, as they were then: inside central's window.
      for (const p of payments) expect((await postPayments(db, [p], new Date('2025-06-04T12:00:00Z')))[0]?.status).toBe('posted');
      const w = payments[6]!;
      const voided = voidSchema.parse({
        id: '01970000-0000-7000-8000-000000000001', paymentId: w.id, utility: 'wes', stationId: 'window-1', cashier: 'pat', approvedBy: 'sam',
        reason: 'wrong account', drawerSessionId: null, takenAt: '2025-06-03T09:00:00-07:00',
      });
      expect((await postVoids(db, [voided]))[0]?.status).toBe('posted');
    } finally {
      await db.close();
    }

    const out = join(dir, 'postings.csv');
    const exported = capture();
    expect(await runExport({ command: 'export-postings', date: '2025-06-02', out, dataDir }, exported, noPostgres)).toBe(0);
    expect(exported.outs).toEqual([`export-postings: 5 postings (4 payments) taken on 2025-06-02 written to ${out}`]);
    const text = await readFile(out, 'utf8');
    expect(text.split('\r\n')[1]).toMatch(/^P00000005,/);
    expect(text).toContain(',"window 2, ""east""",');
    const { records, errors } = parseCsv(text);
    expect(errors).toEqual([]);
    const [a, c, p1, w] = [payments[0]!, payments[2]!, payments[4]!, payments[6]!];
    expect(records.map((r) => r.fields)).toEqual([
      [...POSTINGS_CSV_HEADER],
      ['P00000005', p1.id, 'portsmouth', '123456789012', '33.33', '2025-06-02T01:00:00-04:00', 'window-1', 'pat', 'card', 'no', 'posted'],
      ['P00000001', a.id, 'pwb', '1000000001', '10.00', '2025-06-02T00:00:00-07:00', 'window 2, "east"', 'pat', 'cash+check', 'no', 'posted'],
      ['P00000001', a.id, 'pwb', '1000000002', '5.55', '2025-06-02T00:00:00-07:00', 'window 2, "east"', 'pat', 'cash+check', 'no', 'posted'],
      ['P00000007', w.id, 'wes', '200000001', '19.99', '2025-06-02T11:00:00-07:00', 'window-1', 'pat', 'money_order', 'yes', 'posted'],
      ['P00000003', c.id, 'pwb', '1000000008', '100.01', '2025-06-02T23:59:59-07:00', 'window-1', 'pat', 'cash', 'no', 'posted'],
    ]);
    const sum = records.slice(1).reduce((s, r) => s.plus(new Decimal(r.fields[4] ?? 'NaN')), new Decimal(0));
    expect(sum.toFixed(2)).toBe('168.88');

    // Without --out the CSV goes to stdout, the same bytes.
    const toStdout = capture();
    expect(await runExport({ command: 'export-postings', date: '2025-06-02', out: null, dataDir }, toStdout, noPostgres)).toBe(0);
    expect(toStdout.written).toBe(text);
  });
});
