// The log: redaction of card numbers, PINs and tokens (before anything reaches the file or the console), and
// rotation at the size limit, written to a real temporary folder.
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFileLogger, LOG_MAX_LINE, REDACTED, REDACTED_CARD, redact, type LogFs } from '../../../electron/log';

const CARD = '4111111111111111'; // Luhn-valid test Visa
const AMEX_PRINTED = '3782 822463 10005';
const TOKEN = 'station-secret-token-0123456789';

describe('redact', () => {
  it.each([
    [`declined card ${CARD} at the terminal`, `declined card ${REDACTED_CARD} at the terminal`],
    ['card 4111 1111 1111 1111 read', `card ${REDACTED_CARD} read`],
    ['card 4111-1111-1111-1111', `card ${REDACTED_CARD}`],
    [`amex ${AMEX_PRINTED}.`, `amex ${REDACTED_CARD}.`],
    [`{"note":"${CARD}"}`, `{"note":"${REDACTED_CARD}"}`],
  ])('removes a card number: %s', (input, output) => {
    expect(redact(input)).toBe(output);
  });

  it.each([
    'account 1000000001 paid 25.00',
    'accounts 1000000001 1000000002',
    '4111111111111112 fails the Luhn check',
    'batch of 500 payments in 1234 ms',
    '2025-03-14 payment 0190a5d3-7c2e-7b1a-9f00-1234567890ab',
  ])('leaves other numbers alone: %s', (input) => {
    expect(redact(input)).toBe(input);
  });

  it.each([
    ['Authorization: Bearer abc.def-123', `Authorization: ${REDACTED}`],
    ['headers {"authorization":"Bearer abc.def-123"}', `headers {"authorization":"${REDACTED}"}`],
    ['sent Bearer abc.def-123 to central', `sent Bearer ${REDACTED} to central`],
    [`token=${TOKEN}&x=1`, `token=${REDACTED}&x=1`],
    [`{"token": "${TOKEN}", "stationId": "wic-1"}`, `{"token": "${REDACTED}", "stationId": "wic-1"}`],
    ['{"tokenEncrypted":"djEwWkFC"}', `{"tokenEncrypted":"${REDACTED}"}`],
    ['supervisorPin: 4321', `supervisorPin: ${REDACTED}`],
    ['{"pin":"1234"}', `{"pin":"${REDACTED}"}`],
    ['pin=9876', `pin=${REDACTED}`],
    ['wrong PIN 1234 entered', `wrong PIN ${REDACTED} entered`],
    ["password='hunter22'", `password='${REDACTED}'`],
    ['x-station-token: abcdefgh12', `x-station-token: ${REDACTED}`],
  ])('masks a secret value: %s', (input, output) => {
    expect(redact(input)).toBe(output);
  });

  it('keeps prose after a secret-named field, which is an error message, not a value', () => {
    expect(redact('station.json: token: must be the station token central issued (8 characters or more)')).toBe(
      'station.json: token: must be the station token central issued (8 characters or more)',
    );
    expect(redact('tokenEncrypted: could not be decrypted on this computer')).toBe('tokenEncrypted: could not be decrypted on this computer');
  });

  it('masks a registered secret wherever it appears, in any context', () => {
    expect(redact(`central said: unknown station ${TOKEN}!`, [TOKEN])).toBe(`central said: unknown station ${REDACTED}!`);
  });

  it('flattens newlines, so a message is one line and cannot forge another', () => {
    expect(redact('first\n2025-01-01T00:00:00.000Z ERROR forged\r\nthird')).toBe('first ⏎ 2025-01-01T00:00:00.000Z ERROR forged ⏎ third');
  });
});

describe('createFileLogger', () => {
  let dir: string;
  beforeEach(async () => {
    dir = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'counter-log-')), 'logs');
  });
  afterEach(async () => {
    await fs.rm(path.dirname(dir), { recursive: true, force: true });
  });

  const NOW = new Date('2025-03-14T17:05:00.123Z');
  const logger = (options: { maxBytes?: number; maxFiles?: number } = {}) => {
    const echo = vi.fn();
    return { log: createFileLogger({ dir, now: () => NOW, echo, ...options }), echo };
  };
  const files = () => readdirSync(dir).sort();
  const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');

  it('creates userData/logs/counter.log and writes one timestamped line per event, by level', () => {
    const { log, echo } = logger();
    log.info('[counter] starting');
    log.warn('[station] no station file');
    log.error('[counter] could not start');
    expect(log.file).toBe(path.join(dir, 'counter.log'));
    expect(read('counter.log')).toBe(
      '2025-03-14T17:05:00.123Z INFO  [counter] starting\n' +
        '2025-03-14T17:05:00.123Z WARN  [station] no station file\n' +
        '2025-03-14T17:05:00.123Z ERROR [counter] could not start\n',
    );
    expect(echo).toHaveBeenCalledWith('warn', '2025-03-14T17:05:00.123Z WARN  [station] no station file');
  });

  it('never lets a card number, a PIN or the station token reach the file or the console', () => {
    const { log, echo } = logger();
    log.addSecret(TOKEN);
    log.error(`[ipc] counter:print failed: card ${CARD} in a receipt line`);
    log.warn(`[central] 401 for Authorization: Bearer ${TOKEN}`);
    log.warn(`[central] central echoed ${TOKEN} in its error`);
    log.info('[void] supervisorPin: 4321 refused');
    const text = read('counter.log');
    for (const secret of [CARD, TOKEN, '4321']) {
      expect(text).not.toContain(secret);
      expect(JSON.stringify(echo.mock.calls)).not.toContain(secret);
    }
    expect(text).toContain(REDACTED_CARD);
    expect(text.match(new RegExp(REDACTED.replace(/[[\]]/g, '\\$&'), 'g'))).toHaveLength(3);
  });

  it('keeps the newest registered secrets, and a re-registered one stays', () => {
    const { log } = logger();
    log.addSecret(TOKEN);
    for (let i = 0; i < 40; i++) {
      log.addSecret(`tested-token-${String(i).padStart(4, '0')}`);
      log.addSecret(TOKEN); // the station's token, added again at each save
    }
    log.info(`x ${TOKEN} y`);
    expect(read('counter.log')).not.toContain(TOKEN);
  });

  it('ignores a secret too short to be a token (it would mask ordinary words)', () => {
    const { log } = logger();
    log.addSecret('the');
    log.info('the counter started');
    expect(read('counter.log')).toContain('the counter started');
  });

  it('rotates at the size limit: counter.log, counter.1.log ... counter.4.log, the oldest dropped', () => {
    const { log } = logger({ maxBytes: 1000 });
    const line = (n: number) => `line ${String(n).padStart(4, '0')} ${'x'.repeat(150)}`; // ~190 bytes with the prefix
    for (let n = 0; n < 60; n++) log.info(line(n));
    expect(files()).toEqual(['counter.1.log', 'counter.2.log', 'counter.3.log', 'counter.4.log', 'counter.log']);
    for (const name of files()) {
      const size = Buffer.byteLength(read(name));
      expect(size).toBeLessThanOrEqual(1000);
      expect(size).toBeGreaterThan(0);
    }
    // The newest line is in counter.log; the rotated files are older, in order; the oldest lines are gone.
    expect(read('counter.log')).toContain('line 0059');
    const firstOf = (name: string) => Number(/line (\d{4})/.exec(read(name))?.[1]);
    expect(firstOf('counter.4.log')).toBeLessThan(firstOf('counter.3.log'));
    expect(firstOf('counter.1.log')).toBeLessThan(firstOf('counter.log'));
    expect(files().map(read).join('')).not.toContain('line 0000');
  });

  it('rotates at exactly the limit: a line that would cross it starts a new file', () => {
    const { log } = logger({ maxBytes: 200 });
    const prefix = '2025-03-14T17:05:00.123Z INFO  ';
    const fill = 'a'.repeat(200 - prefix.length - 1); // exactly 200 bytes with the newline
    log.info(fill);
    expect(files()).toEqual(['counter.log']);
    log.info('b');
    expect(files()).toEqual(['counter.1.log', 'counter.log']);
    expect(Buffer.byteLength(read('counter.1.log'))).toBe(200);
    expect(read('counter.log')).toBe(`${prefix}b\n`);
  });

  it('picks up the size of an existing log after a restart', () => {
    logger({ maxBytes: 300 }).log.info('a'.repeat(200));
    logger({ maxBytes: 300 }).log.info('b'.repeat(200));
    expect(files()).toEqual(['counter.1.log', 'counter.log']);
  });

  it('cuts a runaway message', () => {
    const { log } = logger();
    log.info('y'.repeat(LOG_MAX_LINE * 3));
    expect(Buffer.byteLength(read('counter.log'))).toBeLessThan(LOG_MAX_LINE + 100);
    expect(read('counter.log')).toContain('…(cut)');
  });

  it('never throws when the log cannot be written, and says so once on the console', () => {
    const broken: LogFs = {
      mkdirSync: () => undefined,
      statSync: () => ({ size: 0 }),
      appendFileSync: () => {
        throw Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
      },
      renameSync: () => undefined,
      rmSync: () => undefined,
    };
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const echo = vi.fn();
      const log = createFileLogger({ dir, fs: broken, echo });
      expect(() => {
        log.info('one');
        log.info('two');
      }).not.toThrow();
      expect(echo).toHaveBeenCalledTimes(2);
      expect(consoleError).toHaveBeenCalledOnce();
      expect(consoleError.mock.calls[0]?.[0]).toContain('EROFS');
    } finally {
      consoleError.mockRestore();
    }
  });
});
