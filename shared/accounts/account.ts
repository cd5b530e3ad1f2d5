/** An account as central knows it and the station caches it. */
import { z } from 'zod';
import { signedMoneyStringSchema } from '../money/money';
import { idText, safeText, TEXT_LIMITS } from '../text/safe-text';

export const accountStatusSchema = z.enum(['current', 'past_due', 'shut_off', 'certified', 'final_billed', 'closed']);
export type AccountStatus = z.infer<typeof accountStatusSchema>;

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date written YYYY-MM-DD' });
/** The offset at the end of a timestamp: "Z", "+14:00", "-0530", "+09". */
const OFFSET_RE = /(?:Z|([+-])(\d{2}):?(\d{2})?)$/;

/**
 * A moment a clock can show and a database can store: the ISO form also allows year 0000 (no such year in
 * PostgreSQL), offsets up to ±23:59 (PostgreSQL stops at ±15:59; real offsets run from -12:00 to +14:00)
 * and any number of fraction digits (PostgreSQL refuses thousands; clocks stop at nanoseconds).
 */
function realMoment(s: string): boolean {
  if (s.startsWith('0000') || /\.\d{10,}/.test(s)) return false;
  const m = OFFSET_RE.exec(s);
  if (!m) return false;
  if (!m[1]) return true;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return minutes <= (m[1] === '+' ? 14 * 60 : 12 * 60);
}

export const isoTimestampSchema = z.iso
  .datetime({ offset: true })
  // Judged only once the text has the ISO form: a malformed one is refused once, for its form.
  .refine(realMoment, {
    message: 'must be a real date and time: year 0001 or later, at most 9 decimals of a second, an offset from -12:00 to +14:00',
    when: (payload) => payload.issues.length === 0,
  });

export const accountSchema = z.object({
  utility: idText,
  number: z.string().regex(/^[0-9]{4,20}$/, { message: 'must be the account number digits (4 to 20)' }),
  name: safeText(TEXT_LIMITS.name, 1),
  serviceAddress: safeText(TEXT_LIMITS.address, 1),
  /** Positive: owed. Negative: a credit on the account. */
  balance: signedMoneyStringSchema,
  /** The part of the balance that is past due. */
  pastDue: signedMoneyStringSchema,
  dueDate: isoDateSchema.nullable(),
  status: accountStatusSchema,
  /** Times service was shut off in the previous 12 months (restoration rules depend on it). */
  shutOffsLast12Months: z.number().int().min(0),
  /** Collection went beyond shut-off (meter tampering or removal): restoration needs the whole balance posted. */
  beyondShutOff: z.boolean().default(false),
  /** Charges certified to the county tax collector (WES), not payable here. */
  certifiedAmount: signedMoneyStringSchema.nullable(),
  /** When central last changed this account. */
  updatedAt: isoTimestampSchema,
});
export type Account = z.infer<typeof accountSchema>;
