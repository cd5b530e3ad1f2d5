/** The station's own settings, as the shell hands them to the counter. Parsed at every boundary. */
import { z } from 'zod';
import { safeText } from './text/safe-text';

export const paperWidthSchema = z.enum(['80mm', '58mm']);
export type PaperWidth = z.infer<typeof paperWidthSchema>;

export const stationConfigSchema = z.object({
  stationId: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, { message: 'use 1-40 letters, digits, dots, dashes or underscores' }),
  stationName: safeText(60, 1),
  centralUrl: z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// address' }).max(2000),
  // Printable ASCII: it goes into an HTTP header, where anything else breaks the request or hides a header.
  token: z
    .string()
    .min(8, { message: 'must be the station token central issued (8 characters or more)' })
    .max(512, { message: 'must be the station token central issued (at most 512 characters)' })
    .regex(/^[\x21-\x7e]+$/, { message: 'must be the station token central issued: letters, digits and symbols, no spaces' }),
  profileId: safeText(64, 1),
  paperWidth: paperWidthSchema.default('80mm'),
  printerName: safeText(200).default(''),
  /** Kick the cash drawer after a payment with cash in it. */
  openDrawerOnCash: z.boolean().default(true),
  /** Full screen with no menu: the counter is the only thing on this PC. */
  kiosk: z.boolean().default(false),
  /**
   * A supervisor accepted keeping the station token in plain text on a computer with no keychain to seal it.
   * Without it, such a computer refuses to save the token.
   */
  plainTokenAccepted: z.boolean().default(false),
});
export type StationConfig = z.infer<typeof stationConfigSchema>;
export type StationConfigInput = z.input<typeof stationConfigSchema>;

/** What the counter's screens see of the station: everything but the token, which stays with the host. */
export type StationView = Omit<StationConfig, 'token'>;

export function stationView(config: StationConfig): StationView {
  const { token: _token, ...view } = config;
  return view;
}
