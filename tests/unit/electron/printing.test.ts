// The printer module with a fake PosPrinter whose jobs finish when the test says so.
import type { PosPrintData, PosPrintOptions } from 'electron-pos-printer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portlandWaterBureau } from '../../../shared/profiles';
import { receiptPrintData } from '../../../shared/receipt/receipt';
import { applyDrawerSetting, createPrinter, describePrintFailure, listPrinters, NO_TEST_PAGE_PRINTER, printJobSchema, type PrintJob, type PosPrinterLike } from '../../../electron/printing';
import type { PaperWidth } from '../../../shared/station';
import { PAPER } from '../../../shared/receipt/layout';
import { ruler } from '../../../shared/receipt/test-page';
import { sampleAccount, samplePayment } from '../shared/fixtures';

type Deferred = { resolve(): void; reject(error: unknown): void };

/** Records every call; each print or drawer kick waits until the test settles it (or `auto` does). */
function fakePrinter(auto: 'resolve' | 'manual' = 'resolve') {
  const log: string[] = [];
  const prints: { data: PosPrintData[]; options: PosPrintOptions; done: Deferred }[] = [];
  const drawers: string[] = [];
  let drawerError: unknown = null;
  let printError: unknown = null;
  const posPrinter: PosPrinterLike = {
    print(data, options) {
      log.push(`print ${prints.length + 1} start`);
      return new Promise((resolve, reject) => {
        const index = prints.length + 1;
        const done = {
          resolve: () => { log.push(`print ${index} end`); resolve({ complete: true }); },
          reject,
        };
        prints.push({ data, options, done });
        if (printError !== null) reject(printError);
        else if (auto === 'resolve') done.resolve();
      });
    },
    openCashDrawer(printerName) {
      log.push('drawer');
      drawers.push(printerName);
      return drawerError === null ? Promise.resolve() : Promise.reject(drawerError);
    },
  };
  return {
    posPrinter, log, prints, drawers,
    failPrintsWith: (e: unknown) => { printError = e; },
    failDrawerWith: (e: unknown) => { drawerError = e; },
  };
}

const job = (overrides: Partial<PrintJob> = {}): PrintJob => ({
  items: [{ type: 'text', value: 'Receipt' }, { type: 'barCode', value: 'PAY-1', height: '40' }],
  paperWidth: '58mm',
  copies: 1,
  openDrawer: false,
  ...overrides,
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The station settings the printer reads at each job. */
const config = (printerName = 'TM-T20', paperWidth: PaperWidth = '80mm') => ({ printerName, paperWidth, stationName: 'Walk-in window 1' });

describe('print', () => {
  it('prints silently to the station printer with the job size and copies', async () => {
    const fake = fakePrinter();
    const printer = createPrinter({ posPrinter: fake.posPrinter, getConfig: () => config() });
    expect(await printer.print(job({ copies: 2 }))).toEqual({ ok: true });
    expect(fake.prints).toHaveLength(1);
    expect(fake.prints[0]?.data).toEqual(job().items);
    expect(fake.prints[0]?.options).toEqual({
      silent: true, preview: false, printerName: 'TM-T20', pageSize: '58mm', margin: '0 0 0 0', copies: 2, timeOutPerLine: 400,
    });
  });

  it.each(['58mm', '80mm'] as const)('asks the library for the job’s paper width, %s', async (paperWidth) => {
    const fake = fakePrinter();
    const printer = createPrinter({ posPrinter: fake.posPrinter, getConfig: () => config('TM-T20', paperWidth === '58mm' ? '80mm' : '58mm') });
    await printer.print(job({ paperWidth }));
    expect(fake.prints[0]?.options).toMatchObject({ pageSize: paperWidth, silent: true, printerName: 'TM-T20' });
  });

  it('runs one job at a time: the second starts only after the first has finished', async () => {
    const fake = fakePrinter('manual');
    const printer = createPrinter({ posPrinter: fake.posPrinter, getConfig: () => config() });
    const first = printer.print(job());
    const second = printer.print(job({ paperWidth: '80mm' }));
    await settle();
    expect(fake.log).toEqual(['print 1 start']);

    fake.prints[0]?.done.resolve();
    expect(await first).toEqual({ ok: true });
    await settle();
    expect(fake.log).toEqual(['print 1 start', 'print 1 end', 'print 2 start']);
    expect(fake.prints[1]?.options.pageSize).toBe('80mm');

    fake.prints[1]?.done.resolve();
    expect(await second).toEqual({ ok: true });
  });

  it('goes on with the next job after a failed one', async () => {
    const fake = fakePrinter('manual');
    const printer = createPrinter({ posPrinter: fake.posPrinter, getConfig: () => config() });
    const first = printer.print(job());
    const second = printer.print(job());
    await settle();
    fake.prints[0]?.done.reject(new Error('Print job failed'));
    expect(await first).toMatchObject({ ok: false, canRetry: true });
    await settle();
    fake.prints[1]?.done.resolve();
    expect(await second).toEqual({ ok: true });
  });

  it('opens the drawer after printing, only when asked', async () => {
    const fake = fakePrinter();
    const printer = createPrinter({ posPrinter: fake.posPrinter, getConfig: () => config() });
    await printer.print(job());
    expect(fake.drawers).toEqual([]);
    expect(await printer.print(job({ openDrawer: true }))).toEqual({ ok: true });
    expect(fake.drawers).toEqual(['TM-T20']);
    expect(fake.log.slice(-3)).toEqual(['print 2 start', 'print 2 end', 'drawer']);
  });

  it('does not open the drawer when the receipt did not print', async () => {
    const fake = fakePrinter();
    fake.failPrintsWith(new Error('Print job failed'));
    const printer = createPrinter({ posPrinter: fake.posPrinter, getConfig: () => config() });
    expect(await printer.print(job({ openDrawer: true }))).toMatchObject({ ok: false, canRetry: true });
    expect(fake.drawers).toEqual([]);
  });

  it('says a drawer failure is not for a retry, since that would print the receipt again', async () => {
    const fake = fakePrinter();
    fake.failDrawerWith(new Error('lp exit 1'));
    const printer = createPrinter({ posPrinter: fake.posPrinter, getConfig: () => config() });
    expect(await printer.print(job({ openDrawer: true }))).toEqual({
      ok: false, canRetry: false, reason: 'The receipt printed, but the cash drawer did not open (lp exit 1). Open it with the key.',
    });
  });

  it('refuses, without printing, when no printer is configured', async () => {
    const fake = fakePrinter();
    const printer = createPrinter({ posPrinter: fake.posPrinter, getConfig: () => config('  ') });
    expect(await printer.print(job())).toMatchObject({ ok: false, canRetry: false, reason: expect.stringContaining('No receipt printer') });
    expect(fake.prints).toEqual([]);
  });

  it('reads the printer name at each job', async () => {
    const fake = fakePrinter();
    let printerName = 'First';
    const printer = createPrinter({ posPrinter: fake.posPrinter, getConfig: () => config(printerName) });
    await printer.print(job());
    printerName = 'Second';
    await printer.print(job());
    expect(fake.prints.map((p) => p.options.printerName)).toEqual(['First', 'Second']);
  });

  it('gives up on a job past its deadline (retry allowed) and lets the next one through', async () => {
    const fake = fakePrinter('manual');
    const printer = createPrinter({ posPrinter: fake.posPrinter, getConfig: () => config(), jobTimeoutMs: () => 20 });
    const stuck = await printer.print(job());
    expect(stuck).toMatchObject({ ok: false, canRetry: true, reason: expect.stringContaining('did not answer in time') });
    const next = printer.print(job());
    await settle();
    fake.prints[1]?.done.resolve();
    expect(await next).toEqual({ ok: true });
    fake.prints[0]?.done.reject(new Error('finally failed')); // a late outcome is ignored
  });
});

describe('testPage', () => {
  const fixed = { now: () => new Date('2025-03-14T17:05:00.000Z'), timeZone: 'America/Los_Angeles' };
  /** What the setup form sends: the printer and paper it shows, saved or not. */
  const target = (printerName = 'TM-T88', paperWidth: PaperWidth = '80mm') => ({ printerName, paperWidth, stationName: 'Window 3' });

  it.each(['58mm', '80mm'] as const)('prints a test page to the printer and width it is given, %s, without the drawer', async (paperWidth) => {
    const fake = fakePrinter();
    // The saved station says otherwise: the form's choice wins, before it is saved.
    const printer = createPrinter({ posPrinter: fake.posPrinter, getConfig: () => config('Saved printer'), ...fixed });
    expect(await printer.testPage(target('TM-T88', paperWidth))).toEqual({ ok: true });
    expect(fake.prints).toHaveLength(1);
    expect(fake.prints[0]?.options).toMatchObject({ printerName: 'TM-T88', pageSize: paperWidth, copies: 1, silent: true });
    const values = (fake.prints[0]?.data ?? []).map((d) => d.value ?? '').join('\n');
    expect(values).toContain('Printer test page');
    expect(values).toContain('TM-T88');
    expect(values).toContain('Window 3');
    expect(values).toContain(ruler(PAPER[paperWidth].columns));
    expect(values).toContain('03/14/2025, 10:05 AM');
    expect(fake.drawers).toEqual([]);
    expect(printJobSchema.safeParse({ items: fake.prints[0]?.data, paperWidth }).success).toBe(true);
  });

  it('waits its turn in the print queue, both ways', async () => {
    const fake = fakePrinter('manual');
    const printer = createPrinter({ posPrinter: fake.posPrinter, getConfig: () => config(), ...fixed });
    const receipt = printer.print(job());
    const test = printer.testPage(target());
    const after = printer.print(job());
    await settle();
    expect(fake.log).toEqual(['print 1 start']);
    fake.prints[0]?.done.resolve();
    await receipt;
    await settle();
    expect(fake.log).toEqual(['print 1 start', 'print 1 end', 'print 2 start']);
    expect(fake.prints[1]?.options.printerName).toBe('TM-T88');
    fake.prints[1]?.done.resolve();
    expect(await test).toEqual({ ok: true });
    await settle();
    expect(fake.prints[2]?.options.printerName).toBe('TM-T20');
    fake.prints[2]?.done.resolve();
    expect(await after).toEqual({ ok: true });
  });

  it.each(['', '   '])('refuses an empty printer name %j by its field, without printing or waiting for the queue', async (printerName) => {
    const fake = fakePrinter('manual');
    const printer = createPrinter({ posPrinter: fake.posPrinter, getConfig: () => config(), ...fixed });
    void printer.print(job()); // stuck: the refusal must not wait behind it
    expect(await printer.testPage(target(printerName))).toEqual({ ok: false, canRetry: false, reason: NO_TEST_PAGE_PRINTER });
    expect(NO_TEST_PAGE_PRINTER).toMatch(/^Receipt printer: .*Choose the receipt printer/);
    expect(fake.prints).toHaveLength(1);
  });

  it('reports, without throwing, a printer that fails', async () => {
    const fake = fakePrinter();
    fake.failPrintsWith(new Error('Invalid deviceName provided'));
    expect(await createPrinter({ posPrinter: fake.posPrinter, getConfig: () => config(), ...fixed }).testPage(target('Gone'))).toEqual({
      ok: false, canRetry: false, reason: 'The printer "Gone" was not found on this computer. Choose the Receipt printer in Station settings (on the sign-in screen).',
    });
  });
});

describe('listPrinters', () => {
  it('lists name, display name and whether it is the default, as Electron reports them', async () => {
    const printers = await listPrinters(() =>
      Promise.resolve([
        { name: 'EPSON_TM_T20III', displayName: 'EPSON TM-T20III Receipt', description: 'ESC/POS', options: {} },
        { name: 'Office', displayName: '', isDefault: true },
      ]),
    );
    expect(printers).toEqual([
      { name: 'EPSON_TM_T20III', displayName: 'EPSON TM-T20III Receipt', isDefault: false },
      { name: 'Office', displayName: 'Office', isDefault: true },
    ]);
  });

  it('an empty list is an answer, not an error', async () => {
    expect(await listPrinters(() => Promise.resolve([]))).toEqual([]);
  });

  it('rejects when Electron fails or does not answer in time (handle() reports it as ok:false)', async () => {
    await expect(listPrinters(() => Promise.reject(new Error('print backend crashed')))).rejects.toThrow('print backend crashed');
    await expect(listPrinters(() => new Promise(() => {}), 20)).rejects.toThrow(/did not finish within 20 ms/);
  });
});

describe('describePrintFailure', () => {
  it.each([
    [new Error('Invalid deviceName provided'), false],
    ['No printers available on the network', false],
    [new Error('Invalid printer settings'), false],
    ['[TimedOutError] Make sure your printer is connected', true],
    [new Error('Print job failed'), true],
    [new Error('Print job canceled'), true],
    [{ unexpected: 'shape' }, true],
  ])('%s → canRetry %s', (error, canRetry) => {
    const result = describePrintFailure(error, 'TM-T20');
    expect(result.canRetry).toBe(canRetry);
    expect(result.reason).toMatch(/\S/);
  });

  it('names the printer that was not found', () => {
    expect(describePrintFailure(new Error('Invalid deviceName provided'), 'TM-T20').reason).toBe(
      'The printer "TM-T20" was not found on this computer. Choose the Receipt printer in Station settings (on the sign-in screen).',
    );
  });
});

describe('printJobSchema', () => {
  let savedTz: string | undefined;
  beforeAll(() => {
    savedTz = process.env.TZ;
    process.env.TZ = 'America/Los_Angeles';
  });
  afterAll(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it("accepts the shared receipt layout, even for data full of markup characters", () => {
    const items = receiptPrintData({
      payment: samplePayment(),
      profile: portlandWaterBureau,
      stationName: 'Window <1> & "2"',
      accounts: { '1000000001': sampleAccount({ name: '<script>alert(1)</script>' }) },
      synced: false,
      paperWidth: '80mm',
    });
    const parsed = printJobSchema.safeParse({ items, paperWidth: '80mm', openDrawer: true });
    expect(parsed.success).toBe(true);
  });

  it.each([
    '<img src=x onerror=alert(1)>',
    '<span onclick="x()">a</span>',
    '<script>require("child_process")</script>',
    '<svg/onload=alert(1)>',
    'a > b',
  ])('refuses %s', (value) => {
    const parsed = printJobSchema.safeParse({ items: [{ type: 'text', value }], paperWidth: '80mm' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['items', 0, 'value']);
  });

  it('refuses url(...) in a style', () => {
    const parsed = printJobSchema.safeParse({ items: [{ type: 'text', value: 'x', style: { backgroundImage: 'URL("https://evil.example/?d=1")' } }], paperWidth: '80mm' });
    expect(parsed.error?.issues[0]?.path).toEqual(['items', 0, 'style', 'backgroundImage']);
  });
});

describe('applyDrawerSetting', () => {
  const job = { items: [{ type: 'text' as const, value: 'Receipt' }], paperWidth: '80mm' as const, copies: 1, openDrawer: true };

  it("lets the request open the drawer when the station's openDrawerOnCash is on", () => {
    expect(applyDrawerSetting(job, { openDrawerOnCash: true })).toEqual(job);
  });

  it('never opens it when the setting is off, or before setup', () => {
    expect(applyDrawerSetting(job, { openDrawerOnCash: false })).toEqual({ ...job, openDrawer: false });
    expect(applyDrawerSetting(job, null)).toEqual({ ...job, openDrawer: false });
  });

  it('never opens it for a request that does not ask', () => {
    expect(applyDrawerSetting({ ...job, openDrawer: false }, { openDrawerOnCash: true }).openDrawer).toBe(false);
  });
});
