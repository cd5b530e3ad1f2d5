import { describe, expect, it } from 'vitest';
import { depositFigures } from '../../../../shared/drawer/deposit';
import { depositText, zReportPrintData, zReportText } from '../../../../shared/drawer/report';
import { columns } from '../../../../shared/receipt/layout';
import { portlandWaterBureau } from '../../../../shared/profiles';
import type { MoneyString } from '../../../../shared/money/money';
import { BAG_COUNT, fixedId, shiftCloseout } from './shift';

const input = { profile: portlandWaterBureau, stationName: 'Station 2', closeout: shiftCloseout() };

describe('the close-out report (Z)', () => {
  it('shows counts, totals per tender, transactions, voids, drops and over/short', () => {
    const text = zReportText({ ...input, paperWidth: '80mm' }).join('\n');
    for (const row of [
      /CLOSE-OUT REPORT \(Z\)/,
      /Cashier\s+cashier1/,
      /Payments \(4\)\s+\$816\.85/,
      /Voids \(1\)\s+\$182\.40/,
      /Opening float\s+\$150\.00/,
      /Cash taken\s+\$120\.00/,
      /Change given\s+-\$7\.30/,
      /Drops \(1\)\s+-\$100\.00/,
      /Expected cash\s+\$162\.70/,
      /Counted cash\s+\$162\.45/,
      /\$20 x 4\s+\$80\.00/,
      /25c x 9\s+\$2\.25/,
      /Cash over\/short\s+\$0\.25 short/,
      /#1042\s+\$96\.15/,
      /Expected checks\s+\$396\.15/,
      /MO-55881\s+\$58\.00/,
      /Terminal batch\s+\$250\.00/,
      /Cards over\/short\s+even/,
      /Total\s+\$0\.25 short/,
      /witness supervisor1/,
    ]) {
      expect(text).toMatch(row);
    }
  });

  it("dates the report with the center's business day, not UTC's", () => {
    // Opened at 23:30 in Portland on Nov 22: already Nov 23 in UTC.
    const late = { ...input, closeout: { ...input.closeout, openedAt: '2026-11-23T07:30:00.000Z' } };
    expect(zReportText({ ...late, paperWidth: '80mm' }).join('\n')).toMatch(/Business date\s+2026-11-22/);
    expect(zReportText({ ...input, paperWidth: '80mm' }).join('\n')).toMatch(/Business date\s+2026-11-22/);
  });

  it('fits 58 mm paper: no line wider than 32 columns', () => {
    for (const line of zReportText({ ...input, paperWidth: '58mm' })) expect(columns(line)).toBeLessThanOrEqual(32);
  });

  it('escapes every text for the printer', () => {
    const items = zReportPrintData({ ...input, paperWidth: '80mm', closeout: { ...input.closeout, note: '<b>recount</b>' } });
    expect(items.some((i) => i.type === 'text' && i.value.includes('&lt;b&gt;recount'))).toBe(true);
    expect(items.some((i) => i.type === 'text' && i.value.includes('<b>'))).toBe(false);
  });
});

describe('the deposit summary', () => {
  it('lists cash by denomination, checks and money orders, the bag number and the total', () => {
    const f = depositFigures([shiftCloseout()]);
    const deposit = {
      id: fixedId(8),
      utility: 'pwb',
      stationId: 'station-1',
      businessDate: '2026-11-22',
      preparedAt: '2026-11-23T00:10:00.000Z',
      preparedBy: 'supervisor1',
      bagNumber: 'BAG-000123',
      drawers: f.drawers,
      cash: { count: BAG_COUNT, total: '112.45' as MoneyString },
      items: f.items,
      checksTotal: f.checksTotal,
      moneyOrdersTotal: f.moneyOrdersTotal,
      total: '566.60' as MoneyString,
    };
    const text = depositText({ profile: portlandWaterBureau, stationName: 'Station 2', paperWidth: '58mm', deposit });
    const joined = text.join('\n');
    expect(joined).toMatch(/Bank bag\s+BAG-000123/);
    expect(joined).toMatch(/\$20 x 4\s+\$80\.00/);
    expect(joined).toMatch(/Cash total\s+\$112\.45/);
    expect(joined).toMatch(/#2201\s+\$300\.00/);
    expect(joined).toMatch(/Checks total\s+\$396\.15/);
    expect(joined).toMatch(/Money orders total\s+\$58\.00/);
    expect(joined).toMatch(/DEPOSIT TOTAL\s+\$566\.60/);
    for (const line of text) expect(columns(line)).toBeLessThanOrEqual(32);
  });
});
