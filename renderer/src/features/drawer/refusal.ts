/** A refused action's message, placed under the field it names (or over the form when it names none shown). */
import { DENOMINATIONS } from '../../../../shared/drawer/denominations';
import { DrawerRefused } from '../../db/drawer';
import type { Errors } from '../../ui/fields';

const COUNT_FIELDS = new Set(DENOMINATIONS.map((d) => d.id));

/** `aliases` maps the store's field names to the form's ("supervisor" → "Supervisor"); `shown` lists the form's fields. */
export function placeRefusal(e: unknown, shown: readonly string[], aliases: Readonly<Record<string, string>> = {}): Errors {
  if (!(e instanceof DrawerRefused)) return { _: `Not recorded: ${e instanceof Error ? e.message : String(e)}; nothing was saved, try again` };
  const field = aliases[e.field] ?? e.field;
  if (COUNT_FIELDS.has(field) || shown.includes(field)) return { [field]: e.message };
  return { _: e.message };
}

export const APPROVER_ALIASES = { supervisor: 'Supervisor', witness: 'Witness' } as const;
