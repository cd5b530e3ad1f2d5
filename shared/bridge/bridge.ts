/**
 * What the Electron preload exposes to the counter as `window.counter`, and the payloads it carries.
 * Main parses every payload with these schemas; results cross as data, never as thrown errors.
 */
import { z } from 'zod';
import { paperWidthSchema, stationConfigSchema, type StationView } from '../station';
import { fitsIn, refinePlainText } from '../text/safe-text';
import { stationResponseSchema } from '../sync/protocol';

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

/**
 * The style of a print item: an allow-list of the properties the receipt layout uses, each with a plain value
 * (words, numbers with units, #colours). CSS cannot run script, but a function (url(), image-set()), an
 * escape (u\\72l) or a `cssText` key would let a receipt fetch from the network or read local files.
 */
export const PRINT_STYLE_PROPERTIES = [
  'fontFamily',
  'fontSize',
  'fontWeight',
  'fontStyle',
  'lineHeight',
  'whiteSpace',
  'textAlign',
  'textDecoration',
  'letterSpacing',
  'margin',
  'padding',
  'display',
  'justifyContent',
  'width',
  'borderTop',
  'borderBottom',
] as const;
const PLAIN_STYLE_VALUE = /^[A-Za-z0-9 #.,%-]{0,60}$/;
const ALLOWED_STYLE = new Set<string>(PRINT_STYLE_PROPERTIES);
const printStyleSchema = z.record(z.string(), z.string()).superRefine((style, ctx) => {
  for (const [key, value] of Object.entries(style)) {
    if (!ALLOWED_STYLE.has(key)) ctx.addIssue({ code: 'custom', path: [key], message: `is not a style receipts use (only ${PRINT_STYLE_PROPERTIES.join(', ')})` });
    else if (!PLAIN_STYLE_VALUE.test(value)) ctx.addIssue({ code: 'custom', path: [key], message: 'must be a plain value (words, numbers with units, #colours): no functions, quotes or escapes' });
  }
});

export const posPrintItemSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('text'),
    value: z
      .string()
      .refine(fitsIn(4000), { message: 'must be at most 4000 characters' })
      // No control, direction or broken characters: a receipt prints what the layout wrote, in its order.
      .superRefine(refinePlainText)
      .refine((value) => !hasForeignMarkup(value), { message: MARKUP_RULE_MESSAGE }),
    style: printStyleSchema.optional(),
  }),
  z.object({
    type: z.literal('barCode'),
    value: z.string().regex(/^[\x20-\x7e]{1,80}$/, { message: 'must be 1-80 printable ASCII characters' }),
    // Sizes are style values in the print window: the same plain values as `style`.
    height: z.string().regex(PLAIN_STYLE_VALUE, { message: 'must be a plain size, like 40' }).optional(),
    width: z.string().regex(PLAIN_STYLE_VALUE, { message: 'must be a plain size, like 2' }).optional(),
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

/** A print failure's reason inside the screen's longer sentence: without its own closing full stop. */
export function reasonClause(reason: string): string {
  return reason.trim().replace(/\.+$/, '');
}

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

/** The station as main found it: null with the problem when setup must run (first start, broken file). */
export type StationLoad = {
  station: StationView | null;
  problem: string | null;
  /** How the token is kept on this computer: sealed by the OS keychain, in plain text, or not on disk (development defaults). */
  tokenAtRest?: 'sealed' | 'plain' | 'none';
};

/** A request to central, made by main with the station's token so the token never reaches the renderer. */
export const centralRequestSchema = z.object({
  method: z.enum(['GET', 'POST']),
  path: z.string().regex(/^\/v1\/[A-Za-z0-9/_.?=&%-]*$/, { message: 'must be a /v1/ path of the central protocol' }),
  body: z.unknown().optional(),
});
export type CentralRequest = z.infer<typeof centralRequestSchema>;
/** Central's HTTP status and parsed JSON body; a network failure is `{ ok: false }` on the bridge. */
export type CentralResponse = { status: number; body: unknown };

/**
 * The station token as station settings send it: empty keeps the token already saved (the renderer never
 * sees it, so settings after first run cannot show it), anything else is checked as setup checks a new one.
 * First-run setup still requires it: its form uses `stationConfigSchema`, and with no saved token the host
 * refuses an empty one (`keepSavedToken`).
 */
export const tokenOrKeepSchema = z.string().superRefine((token, ctx) => {
  if (token === '') return;
  for (const issue of stationConfigSchema.shape.token.safeParse(token).error?.issues ?? []) ctx.addIssue({ code: 'custom', message: issue.message });
});

/** The setup and settings screens' settings, checked the same way in the renderer and in main. */
export const stationSetupSchema = stationConfigSchema.extend({ token: tokenOrKeepSchema });
export type StationSetupInput = z.input<typeof stationSetupSchema>;

/** With the station ID and utility about to be saved, the test also checks that central issued the token for them. */
export const connectionTestSchema = z.object({
  centralUrl: stationConfigSchema.shape.centralUrl,
  token: tokenOrKeepSchema,
  stationId: stationConfigSchema.shape.stationId.optional(),
  profileId: stationConfigSchema.shape.profileId.optional(),
});

/**
 * What central's `GET /v1/station` answer means for the station being set up: null when the token is the
 * station's, or the refusal naming the field to change.
 */
export function tokenMismatch(test: ConnectionTest, who: { stationId: string; utility: string }): string | null {
  if (test.stationId !== undefined && who.stationId !== test.stationId) {
    return `Station ID: central issued this token to station ${who.stationId}; enter ${who.stationId}, or the token issued for ${test.stationId}`;
  }
  if (test.profileId !== undefined && who.utility !== test.profileId) {
    return `Utility profile: this token's station is at utility ${who.utility}; choose that profile, or use a token issued for ${test.profileId}`;
  }
  return null;
}

/** The connection test's verdict on central's answer to `GET /v1/station` (the same in both hosts). */
export function judgeStationAnswer(test: ConnectionTest, status: number, body: unknown, connected: string): ConnectionResult {
  if (status === 401) return { ok: false, message: 'Station token: central refused it; check the token central issued for this station' };
  if (status === 429) return { ok: false, message: 'Station token: central is slowing down wrong tokens from this computer; wait a minute and test again' };
  const who = stationResponseSchema.safeParse(body);
  if (status !== 200 || !who.success) return { ok: false, message: `Central URL: central did not say which station this token is for (HTTP ${status}); check the address` };
  const mismatch = tokenMismatch(test, who.data);
  return mismatch ? { ok: false, message: mismatch } : { ok: true, message: connected };
}
export type ConnectionTest = z.infer<typeof connectionTestSchema>;
export type ConnectionResult = { ok: boolean; message: string };

export const NO_TOKEN_TO_KEEP = 'Station token: enter the token central issued for this station (there is no saved token to keep)';

/**
 * Fills an empty token with the saved one; refuses, naming the field, when there is none to keep. Both hosts
 * use it: main with the station file's token, the browser host with the one in its storage.
 *
 * The saved token goes only to the central it was saved for (same origin): otherwise anything that can
 * call the bridge could send it to a server of its choosing, by a connection test or a save. A new central
 * address needs its token typed in.
 */
export function keepSavedToken<T extends { token: string; centralUrl: string }>(
  input: T,
  saved: { token: string; centralUrl: string } | null,
): { ok: true; value: T } | { ok: false; error: string } {
  if (input.token !== '') return { ok: true, value: input };
  if (saved === null || saved.token === '') return { ok: false, error: NO_TOKEN_TO_KEEP };
  const from = originOf(saved.centralUrl);
  const to = originOf(input.centralUrl);
  if (from === null || from !== to) {
    return { ok: false, error: `Station token: the saved token is only sent to ${from ?? 'the central it was saved for'}; enter the token central issued for ${to ?? 'the new Central URL'}` };
  }
  return { ok: true, value: { ...input, token: saved.token } };
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Where a test page goes: the printer and paper the setup form shows now, saved or not, so the technician
 * can try a printer before saving it. Main refuses an empty printer name, naming "Receipt printer".
 */
export const testPageTargetSchema = stationConfigSchema.pick({ printerName: true, paperWidth: true, stationName: true });
export type TestPageTarget = z.input<typeof testPageTargetSchema>;

export interface CounterBridge {
  /** The station's settings from the station file, without the token (which stays in main). */
  station(): Promise<BridgeResult<StationLoad>>;
  /**
   * Saves the setup screen's settings to the station file (the token encrypted where the OS allows); an empty
   * token keeps the saved one.
   */
  saveStation(config: StationSetupInput): Promise<BridgeResult<StationLoad>>;
  /** Asks central for its health and checks the token (empty: the saved one), before saving. */
  testConnection(test: ConnectionTest): Promise<BridgeResult<ConnectionResult>>;
  /** Calls central with the station's token. */
  central(request: CentralRequest): Promise<BridgeResult<CentralResponse>>;
  print(request: PrintRequest): Promise<BridgeResult<PrintResult>>;
  /** The printers this computer has, as `webContents.getPrintersAsync()` lists them. */
  printers(): Promise<BridgeResult<PrinterSummary[]>>;
  /** Prints a test page to the given printer at the given paper width (through the print queue), saved or not. */
  testPage(target: TestPageTarget): Promise<BridgeResult<PrintResult>>;
  /** HMAC-SHA-256 (hex) of a journal message under the station's key, which main holds and never hands out. */
  journalMac(message: string): Promise<BridgeResult<string>>;
}
