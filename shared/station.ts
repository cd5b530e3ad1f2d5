/** The station's own settings, as the shell hands them to the counter. Parsed at every boundary. */
import { z } from 'zod';

export const paperWidthSchema = z.enum(['80mm', '58mm']);
export type PaperWidth = z.infer<typeof paperWidthSchema>;

export const stationConfigSchema = z.object({
  stationId: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, { message: 'use 1-40 letters, digits, dots, dashes or underscores' }),
  stationName: z.string().min(1).max(60),
  centralUrl: z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// address' }),
  token: z.string().min(8, { message: 'must be the station token central issued (8 characters or more)' }),
  profileId: z.string().min(1),
  paperWidth: paperWidthSchema.default('80mm'),
  printerName: z.string().default(''),
  /** Kick the cash drawer after a payment with cash in it. */
  openDrawerOnCash: z.boolean().default(true),
  /** Full screen with no menu: the counter is the only thing on this PC. */
  kiosk: z.boolean().default(false),
});
export type StationConfig = z.infer<typeof stationConfigSchema>;
export type StationConfigInput = z.input<typeof stationConfigSchema>;

/** What the counter's screens see of the station: everything but the token, which stays with the host. */
export type StationView = Omit<StationConfig, 'token'>;

export function stationView(config: StationConfig): StationView {
  const { token: _token, ...view } = config;
  return view;
}
