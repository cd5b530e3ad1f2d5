/**
 * The utility profile: every rule the counter enforces, as data with its source.
 * A utility changes a fee on July 1 by editing its profile, never the code.
 */
import { z } from 'zod';
import { compare, money, moneyStringSchema } from '../money/money';
import { timeZoneSchema } from '../time/business-day';

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

/**
 * Cash handling at the counter: the float a drawer opens with, when the counter asks for a drop and when it
 * takes no more cash, the over/short beyond which a supervisor must write a note, the idle lock, the PIN
 * lockout (PCI DSS 8.3.4: at most 10 attempts, locked 30 minutes or more), and how long payments may wait
 * offline before supervisors are warned at sign-in.
 */
export const drawerSettingsSchema = z
  .object({
    expectedFloat: moneyStringSchema.default('150.00' as never),
    cashWarnAt: moneyStringSchema.default('1000.00' as never),
    cashMaxAt: moneyStringSchema.default('2000.00' as never),
    overShortThreshold: moneyStringSchema.default('5.00' as never),
    idleLockMinutes: z.number().int().min(1).max(240).default(5),
    pinLockout: z
      .object({ attempts: z.number().int().min(1).max(10).default(5), minutes: z.number().int().min(30).max(1440).default(30) })
      .prefault({}),
    offlineWarnHours: z.number().int().min(1).max(168).default(24),
  })
  .refine((d) => compare(money(d.cashWarnAt), money(d.cashMaxAt)) < 0, { path: ['cashWarnAt'], message: 'must be less than cashMaxAt' })
  .prefault({});
export type DrawerSettings = z.infer<typeof drawerSettingsSchema>;

export const utilityProfileSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, { message: 'use lowercase letters, digits and dashes' }),
  name: z.string().min(1),
  shortName: z.string().min(1),
  center: z.object({
    name: z.string().min(1),
    addressLines: z.array(z.string().min(1)).min(1),
    phone: z.string().min(1),
    hours: z.string().min(1),
    /**
     * The center's IANA time zone: "today" (receipts, voids, drawers, deposit, end of day, the drop box, the
     * day's postings) is the calendar day on its clock, whatever the station PC's zone. Required: a default
     * would silently put an eastern center on Pacific days.
     */
    timeZone: timeZoneSchema,
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
    /** Print a second copy, marked "Drawer copy", kept with the drawer for the close (a cash-control choice). */
    drawerCopy: z.boolean().default(false),
  }),
  /**
   * Guards at the window against a slip of the keys or an amount no one should take alone: the most change
   * the counter gives back (more is a typing mistake: check the bills), and the payment total above which a
   * supervisor approves with their PIN. A utility sets its own; the defaults are counter policy, not a seed.
   */
  limits: z
    .object({
      maxChange: moneyStringSchema.default('100.00' as never),
      windowPayment: moneyStringSchema.default('10000.00' as never),
      source: sourceSchema.default({ title: 'Counter cash-control defaults (set by the utility)' }),
    })
    .prefault({}),
  /** Drawers, cash limits, sign-in and idle rules (shared/drawer). Every field has a default, so a profile may leave it out. */
  drawer: drawerSettingsSchema,
  /**
   * Sync with central: an entry waiting longer than `stuckAfterMinutes` is listed in the sync panel, with
   * its attempts and last error, so a supervisor sees what does not get through before the day ends.
   */
  sync: z
    .object({ stuckAfterMinutes: z.number().int().min(1).max(1440).default(15) })
    .prefault({}),
});
export type UtilityProfile = z.infer<typeof utilityProfileSchema>;
