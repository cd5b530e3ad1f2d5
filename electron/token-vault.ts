/**
 * The station token at rest: sealed with Electron's `safeStorage` (DPAPI on Windows, the desktop keyring on
 * Linux) when the operating system offers it, so station.json holds `tokenEncrypted` (base64) and not the
 * token. Where it does not, the token is stored as it is and the caller logs that.
 *
 * The asynchronous safeStorage API is used: the synchronous one (`isEncryptionAvailable`, `encryptString`,
 * `decryptString`) is deprecated in Electron 45 and removed after it. Data the synchronous API encrypted
 * decrypts with the asynchronous one. Only after app 'ready'.
 */
import { messageOf } from './errors';

/** The part of Electron's `safeStorage` used here; Electron's own fits. */
export interface SafeStorageLike {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plainText: string): Promise<Buffer>;
  decryptStringAsync(encrypted: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
}

/** How station.json holds the token: one of the two. */
export type SealedToken = { tokenEncrypted: string } | { token: string };

export type TokenVault = {
  /** Whether tokens can be sealed here, and, when the protection is weak or missing, why (for the log). */
  status(): Promise<{ available: boolean; note: string | null }>;
  seal(token: string): Promise<SealedToken>;
  /** `reseal`: safeStorage's key has rotated, so the caller should save the token again. Throws when it cannot open it. */
  open(tokenEncrypted: string): Promise<{ token: string; reseal: boolean }>;
};

export type TokenVaultOptions = {
  /** Linux only: `safeStorage.getSelectedStorageBackend()`, to tell a real keyring from `basic_text`. */
  storageBackend?: () => string;
  /** How long to wait for the keyring (a desktop portal can hang); then the vault counts as unavailable. */
  timeoutMs?: number;
};

export function createTokenVault(safeStorage: SafeStorageLike | null, options: TokenVaultOptions = {}): TokenVault {
  const timeoutMs = options.timeoutMs ?? 5000;

  async function status(): Promise<{ available: boolean; note: string | null }> {
    if (safeStorage === null) return { available: false, note: 'safeStorage is not available in this process' };
    let available: boolean;
    try {
      available = await withTimeout(safeStorage.isAsyncEncryptionAvailable(), timeoutMs, 'the keyring');
    } catch (error) {
      return { available: false, note: `safeStorage could not be asked (${messageOf(error)})` };
    }
    if (!available) return { available: false, note: 'safeStorage reports no encryption on this computer (no keyring or DPAPI)' };
    const backend = options.storageBackend?.();
    if (backend === 'basic_text') {
      // Chromium's fallback: encrypted with a key built into Electron, which hides the token from a casual look only.
      return { available: true, note: 'safeStorage uses basic_text (no desktop keyring): the token is only obscured, not protected' };
    }
    return { available: true, note: null };
  }

  return {
    status,
    async seal(token) {
      if (safeStorage === null || !(await status()).available) return { token };
      const sealed = await withTimeout(safeStorage.encryptStringAsync(token), timeoutMs, 'the keyring');
      return { tokenEncrypted: sealed.toString('base64') };
    },
    async open(tokenEncrypted) {
      if (safeStorage === null) throw new Error('safeStorage is not available');
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(tokenEncrypted)) throw new Error('not base64');
      const opened = await withTimeout(safeStorage.decryptStringAsync(Buffer.from(tokenEncrypted, 'base64')), timeoutMs, 'the keyring');
      return { token: opened.result, reseal: opened.shouldReEncrypt };
    },
  };
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
