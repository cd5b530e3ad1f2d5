/**
 * A void: a new journal entry that cancels a posted payment. Nothing is deleted; the void syncs like a
 * payment, with its own id made once. A supervisor other than the cashier approves it.
 */
import { z } from 'zod';
import { isoTimestampSchema } from '../accounts/account';
import { UUID_RE } from '../ids';
import { CARD_NUMBER_MESSAGE, containsCardNumber } from './card-guard';
import { fitsIn, idText, refinePlainText } from '../text/safe-text';

export const voidReasonSchema = z
  .string()
  .trim()
  .min(3, { message: 'Reason: say why the payment is voided (3 characters or more)' })
  .refine(fitsIn(200), { message: 'Reason: keep it under 200 characters' })
  .superRefine(refinePlainText)
  .refine((r) => !containsCardNumber(r), { message: `Reason: ${CARD_NUMBER_MESSAGE}` });

export const voidSchema = z
  .object({
    id: z.string().regex(UUID_RE, { message: 'must be a UUID made when the void started' }),
    paymentId: z.string().regex(UUID_RE, { message: 'must be the id of the payment being voided' }),
    utility: idText,
    stationId: idText,
    cashier: idText,
    approvedBy: idText,
    reason: voidReasonSchema,
    drawerSessionId: idText.nullable(),
    takenAt: isoTimestampSchema,
  })
  .refine((v) => v.approvedBy !== v.cashier, { path: ['approvedBy'], message: 'a cashier cannot approve their own void' });
export type Void = z.output<typeof voidSchema>;
