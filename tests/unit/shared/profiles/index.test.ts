import { describe, expect, it } from 'vitest';
import { portlandWaterBureau, profileById, profiles } from '../../../../shared/profiles';

describe('profileById', () => {
  it('finds a shipped profile by its id', () => {
    expect(profileById('pwb')).toBe(portlandWaterBureau);
    expect(Object.keys(profiles)).toEqual(['pwb']);
  });

  it('refuses an unknown id, listing the ones shipped', () => {
    expect(() => profileById('PWB')).toThrow('Unknown utility profile "PWB": use one of pwb');
    expect(() => profileById('')).toThrow('Unknown utility profile "": use one of pwb');
  });
});
