/**
 * The browser host's journal key: an HMAC-SHA-256 WebCrypto key generated once with `extractable: false` and
 * kept in IndexedDB (a CryptoKey is stored as itself, never as bytes). The page can sign with it but cannot
 * read it, so an edited entry cannot be re-signed elsewhere, and a copy of the store cannot be re-signed at all.
 */
import Dexie from 'dexie';
import type { JournalMac } from '../../../shared/journal/chain';
import type { CounterDb } from './schema';

const NAME = 'journal';
const loaded = new WeakMap<CounterDb, Promise<CryptoKey>>();

/** The station's key, made on first use. Outside any caller's transaction: its scope does not hold `keys`. */
function journalKey(db: CounterDb): Promise<CryptoKey> {
  let key = loaded.get(db);
  if (!key) {
    key = Dexie.ignoreTransaction(() =>
      db.transaction('rw', db.keys, async () => {
        const saved = await db.keys.get(NAME);
        if (saved) return saved.key;
        const made = await Dexie.waitFor(crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign']));
        await db.keys.add({ name: NAME, key: made });
        return made;
      }),
    );
    loaded.set(db, key);
    key.catch(() => loaded.delete(db));
  }
  return key;
}

/** HMAC-SHA-256 of the message under the stored key, lowercase hex. */
export function storedKeyMac(db: CounterDb): JournalMac {
  return async (message) => {
    const sig = await crypto.subtle.sign('HMAC', await journalKey(db), new TextEncoder().encode(message));
    return [...new Uint8Array(sig)].map((b) => b.toString(16).padStart(2, '0')).join('');
  };
}
