// The token vault over a fake safeStorage: availability, a keyring that hangs, basic_text, bad input.
import { describe, expect, it, vi } from 'vitest';
import { createTokenVault, type SafeStorageLike } from '../../../electron/token-vault';

function safeStorage(overrides: Partial<SafeStorageLike> = {}): SafeStorageLike {
  return {
    isAsyncEncryptionAvailable: async () => true,
    encryptStringAsync: async (plain) => Buffer.from(`sealed(${[...plain].reverse().join('')})`),
    decryptStringAsync: async (sealed) => ({ result: [...sealed.toString().slice(7, -1)].reverse().join(''), shouldReEncrypt: false }),
    ...overrides,
  };
}

describe('createTokenVault', () => {
  it('seals to base64 and opens it again', async () => {
    const vault = createTokenVault(safeStorage());
    const sealed = await vault.seal('station-token-1');
    expect(sealed).toEqual({ tokenEncrypted: expect.stringMatching(/^[A-Za-z0-9+/]+=*$/) });
    expect(JSON.stringify(sealed)).not.toContain('station-token-1');
    expect(await vault.open((sealed as { tokenEncrypted: string }).tokenEncrypted)).toEqual({ token: 'station-token-1', reseal: false });
  });

  it('keeps the token as it is where encryption is unavailable, and says why', async () => {
    const vault = createTokenVault(safeStorage({ isAsyncEncryptionAvailable: async () => false }));
    expect(await vault.seal('station-token-1')).toEqual({ token: 'station-token-1' });
    expect(await vault.status()).toEqual({ available: false, note: expect.stringContaining('no encryption') });
    expect(await createTokenVault(null).seal('station-token-1')).toEqual({ token: 'station-token-1' });
  });

  it('counts a keyring that does not answer as unavailable', async () => {
    const vault = createTokenVault(safeStorage({ isAsyncEncryptionAvailable: () => new Promise(() => {}) }), { timeoutMs: 20 });
    expect(await vault.status()).toEqual({ available: false, note: expect.stringContaining('did not answer within 20 ms') });
    expect(await vault.seal('station-token-1')).toEqual({ token: 'station-token-1' });
  });

  it("flags Linux's basic_text backend as weak, but still uses it", async () => {
    const vault = createTokenVault(safeStorage(), { storageBackend: () => 'basic_text' });
    expect(await vault.status()).toEqual({ available: true, note: expect.stringContaining('basic_text') });
    expect(await vault.seal('station-token-1')).toHaveProperty('tokenEncrypted');
    expect((await createTokenVault(safeStorage(), { storageBackend: () => 'gnome_libsecret' }).status()).note).toBeNull();
  });

  it('refuses what is not base64 without asking the keyring', async () => {
    const decrypt = vi.fn();
    const vault = createTokenVault(safeStorage({ decryptStringAsync: decrypt }));
    await expect(vault.open('not base64!')).rejects.toThrow('not base64');
    expect(decrypt).not.toHaveBeenCalled();
  });

  it('passes on that the key rotated', async () => {
    const vault = createTokenVault(safeStorage({ decryptStringAsync: async () => ({ result: 'station-token-1', shouldReEncrypt: true }) }));
    expect(await vault.open('AAAA')).toEqual({ token: 'station-token-1', reseal: true });
  });
});
