import { describe, expect, it } from 'vitest';
import { stationConfigSchema } from '../../../shared/station';
import { describeZodError } from '../../../shared/sync/protocol';

const good = {
  stationId: 'wic-1',
  stationName: 'Walk-in window 1',
  centralUrl: 'https://central.pwb.example:8443/',
  token: 'st_4f9a2c1e',
  profileId: 'pwb',
};

function refusal(overrides: Record<string, unknown>) {
  const r = stationConfigSchema.safeParse({ ...good, ...overrides });
  if (r.success) throw new Error('expected a refusal');
  return describeZodError(r.error);
}

describe('stationConfigSchema', () => {
  it('accepts a station file and fills in paper width, printer, drawer kick and kiosk', () => {
    expect(stationConfigSchema.parse(good)).toEqual({ ...good, paperWidth: '80mm', printerName: '', openDrawerOnCash: true, kiosk: false, plainTokenAccepted: false });
    expect(stationConfigSchema.parse({ ...good, centralUrl: 'http://localhost:8080', paperWidth: '58mm' }).paperWidth).toBe('58mm');
  });

  it.each(['ftp://central.example', 'javascript:alert(1)', 'file:///etc/passwd', 'central.example', 'not a url', ''])(
    'refuses the central address %j, naming the field',
    (centralUrl) => {
      expect(refusal({ centralUrl })).toEqual({
        error: 'centralUrl: must be an http:// or https:// address',
        field: 'centralUrl',
      });
    },
  );

  it('refuses a short token, naming the field and the rule', () => {
    expect(refusal({ token: 'abc1234' })).toEqual({
      error: 'token: must be the station token central issued (8 characters or more)',
      field: 'token',
    });
    expect(stationConfigSchema.safeParse({ ...good, token: '12345678' }).success).toBe(true);
  });

  it.each(['wic 1', '', 'x'.repeat(41), 'wic/1', 'wïc-1'])('refuses the station id %j', (stationId) => {
    expect(refusal({ stationId })).toEqual({
      error: 'stationId: use 1-40 letters, digits, dots, dashes or underscores',
      field: 'stationId',
    });
  });

  it('refuses an unknown paper width and a missing profile', () => {
    expect(refusal({ paperWidth: '76mm' }).field).toBe('paperWidth');
    expect(refusal({ profileId: '' }).field).toBe('profileId');
  });
});
