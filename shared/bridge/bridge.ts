/**
 * What the Electron preload exposes to the counter as `window.counter`, and the payloads it carries.
 * Main parses every payload with these schemas; results cross as data, never as thrown errors.
 */
import { z } from 'zod';
import { paperWidthSchema, type StationConfig } from '../station';

const printStyleSchema = z.record(z.string(), z.string());

export const posPrintItemSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), value: z.string().max(4000), style: printStyleSchema.optional() }),
  z.object({
    type: z.literal('barCode'),
    value: z.string().regex(/^[\x20-\x7e]{1,80}$/, { message: 'must be 1-80 printable ASCII characters' }),
    height: z.string().optional(),
    width: z.string().optional(),
    displayValue: z.boolean().optional(),
    position: z.enum(['left', 'center', 'right']).optional(),
    fontsize: z.number().int().min(6).max(40).optional(),
  }),
]);

export const printRequestSchema = z.object({
  items: z.array(posPrintItemSchema).min(1).max(500),
  paperWidth: paperWidthSchema,
  copies: z.number().int().min(1).max(3).default(1),
  openDrawer: z.boolean().default(false),
});
export type PrintRequest = z.input<typeof printRequestSchema>;

/** A device answers whether a retry could help: a missing printer, no; a timeout, yes. */
export type PrintResult = { ok: true } | { ok: false; canRetry: boolean; reason: string };

export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: string };

export interface CounterBridge {
  /** The station's settings from the station file (the token stays in main where it can). */
  station(): Promise<BridgeResult<StationConfig>>;
  print(request: PrintRequest): Promise<BridgeResult<PrintResult>>;
}
