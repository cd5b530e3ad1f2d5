/** Guessing station tokens is slowed down per address; a station with its token never is. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_FAILURES_PER_WINDOW } from '../../../central/src/http';
import { AUTH, openTestCentral, type TestCentral } from './helpers';

// One central for all: each test guesses from its own addresses.
let central: TestCentral;
beforeAll(async () => {
  central = await openTestCentral();
});
afterAll(async () => central.close());

const guess = (c: TestCentral, n: number, remoteAddress = '203.0.113.7') =>
  c.app.inject({ method: 'GET', url: '/v1/accounts/pwb/1000000001', remoteAddress, headers: { authorization: `Bearer guess-${n}-abcdefgh` } });

describe('station token guessing', () => {
  it('answers 1,000 wrong guesses from one address with 401 only until the limit, then 429 with Retry-After', async () => {
    const codes: number[] = [];
    for (let n = 0; n < 1000; n++) codes.push((await guess(central, n)).statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(TOKEN_FAILURES_PER_WINDOW);
    expect(codes.filter((c) => c === 429)).toHaveLength(1000 - TOKEN_FAILURES_PER_WINDOW);
    expect(codes.slice(0, TOKEN_FAILURES_PER_WINDOW).every((c) => c === 401)).toBe(true);

    const limited = await guess(central, 1000);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toEqual({ error: expect.stringMatching(/^too many calls without a known station token from this address; try again in/) });
    // No token at all counts the same as a wrong one.
    expect((await central.app.inject({ method: 'GET', url: '/v1/accounts/pwb/1000000001', remoteAddress: '203.0.113.7' })).statusCode).toBe(429);
  });

  it('never slows a station that sends its token, even from the guessing address, nor health checks', async () => {
    for (let n = 0; n < TOKEN_FAILURES_PER_WINDOW + 5; n++) await guess(central, n, '203.0.113.20');
    expect((await guess(central, 0, '203.0.113.20')).statusCode).toBe(429);
    const station = await central.app.inject({ method: 'GET', url: '/v1/accounts/pwb/1000000001', remoteAddress: '203.0.113.20', headers: AUTH });
    expect(station.statusCode).toBe(200);
    expect(station.json().account.number).toBe('1000000001');
    for (let n = 0; n < TOKEN_FAILURES_PER_WINDOW + 5; n++) {
      expect((await central.app.inject({ method: 'GET', url: '/v1/health', remoteAddress: '198.51.100.9' })).statusCode).toBe(200);
    }
  });

  it('counts each address on its own', async () => {
    for (let n = 0; n < TOKEN_FAILURES_PER_WINDOW + 1; n++) await guess(central, n, '203.0.113.30');
    expect((await guess(central, 0, '203.0.113.30')).statusCode).toBe(429);
    expect((await guess(central, 0, '203.0.113.31')).statusCode).toBe(401);
  });
});
