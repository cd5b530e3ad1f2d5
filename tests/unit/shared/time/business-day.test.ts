import { describe, expect, it } from 'vitest';
import {
  businessDay,
  businessDayBounds,
  checkTimeZone,
  formatClock,
  formatTimeOfDay,
  isSameBusinessDay,
  msUntilNextBusinessDay,
  timeZoneSchema,
} from '../../../../shared/time/business-day';

const LA = 'America/Los_Angeles';
const NY = 'America/New_York';
const HOUR = 3_600_000;

describe('the business day in the center’s zone', () => {
  it('is the Pacific date at 16:30 and 23:59 local, when UTC has already turned the day', () => {
    // 16:30 PST on Nov 20 is 00:30 UTC on Nov 21.
    expect(businessDay(new Date('2026-11-21T00:30:00Z'), LA)).toBe('2026-11-20');
    expect(businessDay(new Date('2026-11-21T07:59:00Z'), LA)).toBe('2026-11-20');
    expect(businessDay(new Date('2026-11-21T08:01:00Z'), LA)).toBe('2026-11-21');
    expect(businessDay(new Date('2026-11-21T00:30:00Z'), NY)).toBe('2026-11-20');
    expect(businessDay(new Date('2026-11-21T05:00:00Z'), NY)).toBe('2026-11-21');
  });

  it('bounds an ordinary day by its two local midnights, 24 hours apart', () => {
    const { start, end } = businessDayBounds('2026-11-20', LA);
    expect(start.toISOString()).toBe('2026-11-20T08:00:00.000Z');
    expect(end.toISOString()).toBe('2026-11-21T08:00:00.000Z');
    expect(businessDayBounds('2026-07-04', NY)).toEqual({ start: new Date('2026-07-04T04:00:00Z'), end: new Date('2026-07-05T04:00:00Z') });
  });

  it('makes the spring-forward day 23 hours and the fall-back day 25 hours (Los Angeles, 2026)', () => {
    const spring = businessDayBounds('2026-03-08', LA);
    expect(spring.start.toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(spring.end.toISOString()).toBe('2026-03-09T07:00:00.000Z');
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * HOUR);

    const fall = businessDayBounds('2026-11-01', LA);
    expect(fall.start.toISOString()).toBe('2026-11-01T07:00:00.000Z');
    expect(fall.end.toISOString()).toBe('2026-11-02T08:00:00.000Z');
    expect(fall.end.getTime() - fall.start.getTime()).toBe(25 * HOUR);
  });

  it('puts the last millisecond before local midnight in the day and local midnight in the next', () => {
    const { start, end } = businessDayBounds('2026-11-20', LA);
    expect(businessDay(start, LA)).toBe('2026-11-20');
    expect(businessDay(new Date(start.getTime() - 1), LA)).toBe('2026-11-19');
    expect(businessDay(new Date(end.getTime() - 1), LA)).toBe('2026-11-20');
    expect(businessDay(end, LA)).toBe('2026-11-21');
  });

  it('finds the start of a day whose local midnight the clocks skip (Havana springs forward at midnight)', () => {
    // 2026-03-08 in Havana: 00:00 CST becomes 01:00 CDT, so the day begins at 05:00 UTC.
    const { start } = businessDayBounds('2026-03-08', 'America/Havana');
    expect(start.toISOString()).toBe('2026-03-08T05:00:00.000Z');
  });

  it('says whether two instants share a business day in the zone, not in UTC', () => {
    expect(isSameBusinessDay(new Date('2026-11-20T17:00:00Z'), new Date('2026-11-21T07:59:00Z'), LA)).toBe(true);
    expect(isSameBusinessDay(new Date('2026-11-21T07:59:00Z'), new Date('2026-11-21T08:01:00Z'), LA)).toBe(false);
    expect(isSameBusinessDay(new Date('2026-11-21T07:59:00Z'), new Date('2026-11-21T08:01:00Z'), 'UTC')).toBe(true);
  });

  it('counts the time left until the next local midnight', () => {
    expect(msUntilNextBusinessDay(new Date('2026-11-21T07:59:00Z'), LA)).toBe(60_000);
    expect(msUntilNextBusinessDay(new Date('2026-11-21T00:30:00Z'), LA)).toBe(7.5 * HOUR);
  });

  it('shows the center’s wall clock and date with its zone', () => {
    expect(formatClock(new Date('2026-11-21T00:30:00Z'), LA)).toBe('Fri, Nov 20, 2026, 4:30 PM PST');
    expect(formatClock(new Date('2026-07-04T16:05:00Z'), NY)).toBe('Sat, Jul 4, 2026, 12:05 PM EDT');
    expect(formatTimeOfDay(new Date('2026-11-21T07:59:00Z'), LA)).toBe('11:59 PM');
  });
});

describe('time zone and day checks', () => {
  it('accepts IANA zones Intl knows', () => {
    for (const z of [LA, NY, 'UTC', 'Europe/Paris']) expect(timeZoneSchema.safeParse(z).success).toBe(true);
  });

  it.each(['', 'Pacific Time', 'America/Nowhere', 'PST8PDT/extra', 'x'.repeat(65)])('refuses %j, naming the field', (z) => {
    expect(timeZoneSchema.safeParse(z).success).toBe(false);
    expect(() => checkTimeZone(z)).toThrow(/^timeZone: must be an IANA time zone/);
    expect(() => businessDay(new Date(), z)).toThrow(/^timeZone: /);
  });

  it('refuses a day that is not a real YYYY-MM-DD, naming the field', () => {
    expect(() => businessDayBounds('2026-02-30', LA)).toThrow(/^day: must be a real day/);
    expect(() => businessDayBounds('11/20/2026', LA)).toThrow(/^day: must be a day written YYYY-MM-DD/);
  });
});
