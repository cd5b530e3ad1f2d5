/**
 * The station's journal key, held in main: 32 random bytes (hex) in userData/journal.key, mode 0600, made on
 * first use. The counter's page never sees it: it asks `counter:journal-mac` for the HMAC-SHA-256 of a
 * journal message. The same file is what `central:verify-journal --key` takes to check the MACs.
 */
import { createHmac, randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

/** The part of `node:fs` used here, so tests can give a temporary directory or a failing disk. */
export interface KeyFs {
  readFileSync(file: string, encoding: 'utf8'): string;
  writeFileSync(file: string, data: string, options: { mode: number; flag: 'wx' }): void;
  mkdirSync(dir: string, options: { recursive: true }): unknown;
}

export const JOURNAL_KEY_FILE = 'journal.key';
const keyText = z.string().trim().regex(/^[0-9a-f]{64}$/, { message: 'must be 64 hexadecimal digits' });

/** A journal message as the page sends it: the chain's `n|prevHash|content`, bounded. */
export const journalMacRequestSchema = z.object({ message: z.string().min(1).max(2_000_000) });

export type JournalSigner = { mac(message: string): string };

export function createJournalSigner(userData: string, fs: KeyFs): JournalSigner {
  const file = path.join(userData, JOURNAL_KEY_FILE);
  let key: Buffer | null = null;
  function load(): Buffer {
    if (key) return key;
    let text: string | null = null;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    if (text === null) {
      text = randomBytes(32).toString('hex');
      fs.mkdirSync(userData, { recursive: true });
      // 'wx': never overwrite a key; a lost key would make every entry signed with it unverifiable.
      fs.writeFileSync(file, `${text}\n`, { mode: 0o600, flag: 'wx' });
    }
    const parsed = keyText.safeParse(text);
    if (!parsed.success) throw new Error(`${file}: the journal key ${parsed.error.issues[0]?.message ?? 'is unreadable'}; restore it from the backup`);
    key = Buffer.from(parsed.data, 'hex');
    return key;
  }
  return { mac: (message) => createHmac('sha256', load()).update(message, 'utf8').digest('hex') };
}
