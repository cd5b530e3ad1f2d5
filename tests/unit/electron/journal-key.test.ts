import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJournalSigner, JOURNAL_KEY_FILE } from '../../../electron/journal-key';

const realFs = { readFileSync: fs.readFileSync, writeFileSync: fs.writeFileSync, mkdirSync: fs.mkdirSync } as Parameters<typeof createJournalSigner>[1];

describe("main's journal key", () => {
  it('is made once in userData/journal.key, readable by its owner only, and signs with HMAC-SHA-256', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'journal-key-')), 'userData');
    const mac = createJournalSigner(dir, realFs).mac('1|000|{}');
    const file = join(dir, JOURNAL_KEY_FILE);
    const hex = readFileSync(file, 'utf8').trim();
    expect(hex).toMatch(/^[0-9a-f]{64}$/);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(mac).toBe(createHmac('sha256', Buffer.from(hex, 'hex')).update('1|000|{}').digest('hex'));
    // A second start uses the same key: entries signed before it still verify.
    expect(createJournalSigner(dir, realFs).mac('1|000|{}')).toBe(mac);
    expect(readFileSync(file, 'utf8').trim()).toBe(hex);
  });

  it('refuses a damaged key file, naming it, rather than making a new key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'journal-key-'));
    writeFileSync(join(dir, JOURNAL_KEY_FILE), 'not a key\n');
    expect(() => createJournalSigner(dir, realFs).mac('x')).toThrow(`${join(dir, JOURNAL_KEY_FILE)}: the journal key must be 64 hexadecimal digits`);
    expect(readFileSync(join(dir, JOURNAL_KEY_FILE), 'utf8')).toBe('not a key\n');
  });
});
