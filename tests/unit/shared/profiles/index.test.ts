import { describe, expect, it } from 'vitest';
import { clackamasWes, portlandWaterBureau, portsmouth, profileById, profiles } from '../../../../shared/profiles';

describe('profileById', () => {
  it('finds a shipped profile by its id', () => {
    expect(profileById('pwb')).toBe(portlandWaterBureau);
    expect(profileById('wes')).toBe(clackamasWes);
    expect(profileById('portsmouth')).toBe(portsmouth);
    expect(Object.keys(profiles)).toEqual(['pwb', 'wes', 'portsmouth']);
  });

  it('refuses an unknown id, listing the ones shipped', () => {
    expect(() => profileById('PWB')).toThrow('Unknown utility profile "PWB": use one of pwb, wes, portsmouth');
    expect(() => profileById('')).toThrow('Unknown utility profile "": use one of pwb, wes, portsmouth');
  });
});

describe('profileById and the names objects inherit', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('knows no profile %j', (id) => {
    expect(() => profileById(id)).toThrow(`Unknown utility profile "${id}"`);
  });
});
