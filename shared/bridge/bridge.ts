/**
 * What the Electron preload exposes to the counter as `window.counter`, and the payloads it carries.
 * Main parses every payload with these schemas; results cross as data, never as thrown errors.
 */
import { z } from 'zod';
import { paperWidthSchema, type StationConfig } from '../station';

/**
 * The markup rule for printed text. electron-pos-printer sets each text item with `innerHTML` in a hidden
 * window that has Node integration, so markup in a print item is code in a privileged process. The shared
 * layout escapes every text and adds only bare <span> pairs; anything else (attributes, <img>, <script>,
 * a stray "<" or ">") is refused. The browser preview and main's `counter:print` parse with this same schema.
 */
const ALLOWED_TAGS = /<\/?(?:span|b|strong)>|<br\s*\/?>/gi;
export function hasForeignMarkup(html: string): boolean {
  return /[<>]/.test(html.replace(ALLOWED_TAGS, ''));
}
export const MARKUP_RULE_MESSAGE = 'only <span>, <b>, <strong> and <br> without attributes may be printed; escape data with escapeHtml';

// CSS cannot run script, but url(...) would let a receipt fetch from the network or read local files.
const printStyleSchema = z.record(
  z.string(),
  z.string().refine((value) => !/url\s*\(/i.test(value), { message: 'url(...) is not allowed in receipt styles' }),
);

export const posPrintItemSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('text'),
    value: z
      .string()
      .max(4000)
      .refine((value) => !hasForeignMarkup(value), { message: MARKUP_RULE_MESSAGE }),
    style: printStyleSchema.optional(),
  }),
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
  /**
   * Kick the cash drawer after the receipt has printed. The renderer sets it only for a payment with a cash
   * tender (`opensDrawer(payment)` in shared/receipt/receipt.ts): never for a check, money order or card
   * payment, a reprint, a drawer copy, a void slip, a bill stub or a test page. Main opens the drawer exactly
   * when this says so; it cannot tell a receipt from any other print.
   */
  openDrawer: z.boolean().default(false),
});
export type PrintRequest = z.input<typeof printRequestSchema>;

/** A device answers whether a retry could help: a missing printer, no; a timeout, yes. */
export type PrintResult = { ok: true } | { ok: false; canRetry: boolean; reason: string };

/** A printer the operating system knows, for the settings screen's choice of `printerName`. */
export type PrinterSummary = {
  /** The name to put in the station's `printerName`. */
  name: string;
  /** The name to show. */
  displayName: string;
  /**
   * Whether it is the system's default printer, where Electron still reports it. Electron removed
   * `PrinterInfo.isDefault`, so with Electron 45 this is false for every printer: do not rely on it.
   */
  isDefault: boolean;
};

export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: string };

export interface CounterBridge {
  /** The station's settings from the station file (the token stays in main where it can). */
  station(): Promise<BridgeResult<StationConfig>>;
  print(request: PrintRequest): Promise<BridgeResult<PrintResult>>;
  /** The printers this computer has, as `webContents.getPrintersAsync()` lists them. */
  printers(): Promise<BridgeResult<PrinterSummary[]>>;
  /** Prints a test page to the station's configured printer and paper width (through the print queue). */
  testPage(): Promise<BridgeResult<PrintResult>>;
}
