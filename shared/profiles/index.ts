/** The profiles this build ships, by id. */
import { portlandWaterBureau } from './portland-water-bureau';
import { clackamasWes } from './clackamas-wes';
import { portsmouth } from './portsmouth';
import type { UtilityProfile } from './schema';

export const profiles: Readonly<Record<string, UtilityProfile>> = {
  [portlandWaterBureau.id]: portlandWaterBureau,
  [clackamasWes.id]: clackamasWes,
  [portsmouth.id]: portsmouth,
};

export function profileById(id: string): UtilityProfile {
  // Own keys only: "constructor" or "toString" must not find Object's.
  const p = Object.hasOwn(profiles, id) ? profiles[id] : undefined;
  if (!p) throw new Error(`Unknown utility profile "${id}": use one of ${Object.keys(profiles).join(', ')}`);
  return p;
}

export { portlandWaterBureau, clackamasWes, portsmouth };
export type { UtilityProfile } from './schema';
