/**
 * The utility profile: every rule the counter enforces, as data with its source.
 * A utility changes a fee on July 1 by editing its profile, never the code.
 */
import { z } from 'zod';
import { moneyStringSchema } from '../money/money';

/** Where a rule comes from, quoted on refusals and receipts. */
export const sourceSchema = z.object({
  title: z.string().min(1),
  seed: z.string().optional(),
});
export type Source = z.infer<typeof sourceSchema>;

export const accountNumberFormatSchema = z.object({
  /** How many digits the account number has. */
  digits: z.number().int().min(4).max(20),
  /** How it is written, with `#` for a digit, e.g. "##########-##". Separators are optional when typed. */
  display: z.string().min(1),
  source: sourceSchema,
});
export type AccountNumberFormat = z.infer<typeof accountNumberFormatSchema>;

export const utilityProfileSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, { message: 'use lowercase letters, digits and dashes' }),
  name: z.string().min(1),
  shortName: z.string().min(1),
  center: z.object({
    name: z.string().min(1),
    addressLines: z.array(z.string().min(1)).min(1),
    phone: z.string().min(1),
    hours: z.string().min(1),
    /** The center's IANA time zone: receipts and the day's postings use its clock. */
    timeZone: z.string().min(1).default('America/Los_Angeles'),
    source: sourceSchema,
  }),
  accountNumber: accountNumberFormatSchema,
  tenders: z.object({
    cash: z.object({
      accepted: z.boolean(),
      /** Most coin accepted in one payment; null where the utility sets no limit. */
      coinLimit: moneyStringSchema.nullable(),
      source: sourceSchema,
    }),
    check: z.object({
      accepted: z.boolean(),
      /** The MICR amount field holds 10 digits: $99,999,999.99 at most. */
      maxAmount: moneyStringSchema.default('99999999.99' as never),
      source: sourceSchema,
    }),
    moneyOrder: z.object({ accepted: z.boolean(), source: sourceSchema }),
    card: z.object({
      accepted: z.boolean(),
      /** Brands as the cashier picks them, e.g. "Visa", "Mastercard". */
      brands: z.array(z.string().min(1)),
      source: sourceSchema,
    }),
  }),
  /**
   * What it takes to restore service after a shut-off, by the account's shut-off history
   * (PWB Account Management Policy requirements 2-4). Null where the utility sets no rule.
   */
  restoration: z
    .object({
      once: z.object({ basis: z.enum(['promise', 'posted']), percent: z.number().int().min(0).max(100) }),
      moreThanOnce: z.object({ basis: z.enum(['promise', 'posted']), percent: z.number().int().min(0).max(100) }),
      beyondShutOff: z.object({ basis: z.enum(['promise', 'posted']), percent: z.number().int().min(0).max(100) }),
      source: sourceSchema,
    })
    .nullable()
    .default(null),
  /** Certified accounts (WES): charges sent to the county tax roll, not payable at this counter. */
  certified: z
    .object({
      payTo: z.string().min(1),
      cashierNotice: z.string().min(1),
      receiptNotice: z.string().min(1),
      source: sourceSchema,
    })
    .nullable()
    .default(null),
  finalBilled: z.object({ notice: z.string().min(1), source: sourceSchema }).nullable().default(null),
  fees: z
    .array(z.object({ code: z.string().min(1), label: z.string().min(1), amount: moneyStringSchema, source: sourceSchema }))
    .default([]),
  receipt: z.object({
    headerLines: z.array(z.string()).min(1),
    footerLines: z.array(z.string()),
  }),
});
export type UtilityProfile = z.infer<typeof utilityProfileSchema>;
