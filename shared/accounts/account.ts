/** An account as central knows it and the station caches it. */
import { z } from 'zod';
import { signedMoneyStringSchema } from '../money/money';
import { idText, safeText, TEXT_LIMITS } from '../text/safe-text';

export const accountStatusSchema = z.enum(['current', 'past_due', 'shut_off', 'certified', 'final_billed', 'closed']);
export type AccountStatus = z.infer<typeof accountStatusSchema>;

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date written YYYY-MM-DD' });
export const isoTimestampSchema = z.iso.datetime({ offset: true });

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
