/**
 * Every boundary parser, with its valid samples, the hostile inputs it is fed and its oracle. A parser here
 * answers `{ ok, data }`; throwing is a crash, whatever the input.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { parseAccountEntry } from '../../shared/accounts/account-number';
import { connectionTestSchema, printRequestSchema, stationSetupSchema, testPageTargetSchema } from '../../shared/bridge/bridge';
import { closeoutSchema, dropSchema } from '../../shared/drawer/closeout';
import { depositSchema } from '../../shared/drawer/deposit';
import { dropBoxBatchSchema } from '../../shared/dropbox/batch';
import { parseMoneyInput } from '../../shared/money/money';
import { paymentSchema } from '../../shared/payments/payment';
import { voidSchema } from '../../shared/payments/void';
import { profiles } from '../../shared/profiles';
import { stationConfigSchema } from '../../shared/station';
import { accountRowSchema, readAccountsCsv } from '../../central/src/import';
import { centralCallSchema } from '../../electron/central';
import { hostileAmount, hostileInputs, hostileString, mutatedString } from './arbitraries';
import {
  amount, any, bool, cashCount, date, digits, figure, ID, int, list, object, oneOf, oracle, orNull, pattern, sameName, signed, sumOf, text, timestamp, uuid,
  type Fields, type Oracle,
} from './oracles';
import * as S from './samples';

export type Parsed = { ok: true; data: unknown } | { ok: false };
export type Target = {
  name: string;
  parse: (input: unknown) => Parsed;
  samples: readonly unknown[];
  inputs: fc.Arbitrary<unknown>;
  oracle: Oracle;
};

const viaSchema = (schema: z.ZodType) => (input: unknown): Parsed => {
  const r = schema.safeParse(input);
  return r.success ? { ok: true, data: r.data } : { ok: false };
};

const str = (v: unknown) => (typeof v === 'string' ? v : '');
/** "approvedBy: the cashier approved their own …" when two ids name the same person. */
const notSame = (a: unknown, b: unknown, what: string, ignoreCase = false) =>
  typeof a === 'string' && typeof b === 'string' && sameName(a, b, ignoreCase) ? `${what}: ${JSON.stringify(a)} and ${JSON.stringify(b)} are the same person` : null;

/* ---------------------------------------------------------------- payments and voids */

const tenderFields: Fields = {
  tenders: list(20, 1),
  'tenders.#': object,
  'tenders.#.kind': oneOf('cash', 'check', 'money_order', 'card'),
  'tenders.#.bills': amount,
  'tenders.#.coins': amount,
  'tenders.#.amount': amount,
  'tenders.#.checkNumber': digits(1, 10),
  'tenders.#.routingNumber': orNull(digits(9, 9)),
  'tenders.#.serial': pattern(/^[A-Za-z0-9-]{4,20}$/, 'a serial of 4 to 20 letters, digits or dashes'),
  'tenders.#.brand': text(40, 1),
  'tenders.#.last4': digits(4, 4),
  'tenders.#.approvalCode': pattern(/^[A-Za-z0-9]{2,12}$/, 'an approval code'),
};

export const paymentFields: Fields = {
  id: uuid,
  utility: ID,
  stationId: ID,
  cashier: ID,
  drawerSessionId: orNull(ID),
  takenAt: timestamp,
  lines: list(20, 1),
  'lines.#': object,
  'lines.#.accountNumber': digits(4, 20),
  'lines.#.amount': amount,
  ...tenderFields,
  total: sumOf(20),
  tendered: sumOf(40),
  change: sumOf(40),
  memo: text(200),
  approvedBy: ID,
};
const paymentOracle = oracle(paymentFields, (p) => [notSame(p.approvedBy, p.cashier, 'approvedBy')]);

export const voidFields: Fields = {
  id: uuid,
  paymentId: uuid,
  utility: ID,
  stationId: ID,
  cashier: ID,
  approvedBy: ID,
  reason: text(200, 3),
  drawerSessionId: orNull(ID),
  takenAt: timestamp,
};

/* ---------------------------------------------------------------- drawers */

export const dropFields: Fields = { id: uuid, drawerSessionId: uuid, at: timestamp, cashier: ID, witness: ID, count: cashCount, amount: figure };

const figureFields = (at: string, items: string, itemFields: Fields): Fields => ({
  [at]: object,
  [`${at}.count`]: int(0, 100_000),
  [`${at}.total`]: figure,
  [items]: list(100_000),
  [`${items}.#`]: object,
  ...itemFields,
});

export const closeoutFields: Fields = {
  id: uuid,
  utility: ID,
  stationId: ID,
  cashier: ID,
  openedAt: timestamp,
  openedBy: ID,
  floatCount: cashCount,
  countedAt: timestamp,
  signedOffAt: timestamp,
  signedOffBy: ID,
  note: text(500),
  drops: list(100_000),
  'drops.#': object,
  ...Object.fromEntries(Object.entries(dropFields).filter(([k]) => k !== 'drawerSessionId').map(([k, v]) => [`drops.#.${k}`, v])),
  expected: object,
  'expected.float': figure,
  'expected.cashTaken': figure,
  'expected.changeGiven': figure,
  'expected.drops': figure,
  'expected.cash': signed,
  ...figureFields('expected.checks', 'expected.checkItems', {
    'expected.checkItems.#.paymentId': uuid,
    'expected.checkItems.#.checkNumber': text(20),
    'expected.checkItems.#.amount': amount,
  }),
  ...figureFields('expected.moneyOrders', 'expected.moneyOrderItems', {
    'expected.moneyOrderItems.#.paymentId': uuid,
    'expected.moneyOrderItems.#.serial': text(20),
    'expected.moneyOrderItems.#.amount': amount,
  }),
  ...figureFields('expected.payments', 'expected.voidItems', {
    'expected.voidItems.#.voidId': uuid,
    'expected.voidItems.#.paymentId': uuid,
    'expected.voidItems.#.total': sumOf(20),
    'expected.voidItems.#.approvedBy': ID,
    'expected.voidItems.#.reason': text(200),
  }),
  'expected.card': object,
  'expected.card.count': int(0, 100_000),
  'expected.card.total': figure,
  'expected.voids': object,
  'expected.voids.count': int(0, 100_000),
  'expected.voids.total': figure,
  counted: object,
  'counted.cash': cashCount,
  'counted.cashTotal': figure,
  'counted.checks': object,
  'counted.checks.count': int(0, 100_000),
  'counted.checks.total': figure,
  'counted.moneyOrders': object,
  'counted.moneyOrders.count': int(0, 100_000),
  'counted.moneyOrders.total': figure,
  'counted.card': object,
  'counted.card.total': figure,
  overShort: object,
  'overShort.cash': signed,
  'overShort.checks': signed,
  'overShort.moneyOrders': signed,
  'overShort.card': signed,
  'overShort.total': signed,
};

export const depositFields: Fields = {
  id: uuid,
  utility: ID,
  stationId: ID,
  businessDate: date,
  preparedAt: timestamp,
  preparedBy: ID,
  bagNumber: pattern(/^[A-Za-z0-9-]{4,20}$/, 'a bag number'),
  drawers: list(100_000, 1),
  'drawers.#': object,
  'drawers.#.drawerSessionId': uuid,
  'drawers.#.cashier': ID,
  'drawers.#.cash': figure,
  cash: object,
  'cash.count': cashCount,
  'cash.total': figure,
  items: list(1_000_000),
  'items.#': object,
  'items.#.kind': oneOf('check', 'money_order'),
  'items.#.number': text(20, 1),
  'items.#.amount': amount,
  'items.#.paymentId': uuid,
  'items.#.drawerSessionId': uuid,
  checksTotal: figure,
  moneyOrdersTotal: figure,
  total: figure,
};

function unique(values: unknown[], what: string): string | null {
  return new Set(values).size === values.length ? null : `${what}: the same id twice`;
}

/* ---------------------------------------------------------------- drop box */

export const batchFields: Fields = {
  id: uuid,
  utility: ID,
  stationId: ID,
  clerk: ID,
  retrievedAt: timestamp,
  retrievalDate: date,
  emptiedBy: list(2, 2),
  'emptiedBy.#': text(60, 1),
  controlCount: int(1, 2000),
  controlTotal: amount,
  openedAt: timestamp,
  closedAt: timestamp,
  approval: orNull(object),
  'approval.by': ID,
  'approval.note': text(200, 3),
  items: list(2000, 1),
  'items.#': object,
  'items.#.id': uuid,
  'items.#.n': int(1, Number.MAX_SAFE_INTEGER),
  'items.#.kind': oneOf('applied', 'exception', 'set_aside'),
  'items.#.amount': amount,
  'items.#.checkNumber': digits(1, 10),
  'items.#.enteredAt': timestamp,
  'items.#.accountNumber': orNull(digits(4, 20)),
  'items.#.entry': oneOf('scan', 'typed'),
  'items.#.amountDue': orNull(figure),
  'items.#.match': oneOf('exact', 'partial', 'over', null),
  'items.#.payerName': text(100, 1),
  'items.#.note': text(200, 1),
  'items.#.reason': text(300, 1),
};

function batchRelations(b: Record<string, unknown>): Array<string | null> {
  const [first, second] = Array.isArray(b.emptiedBy) ? (b.emptiedBy as unknown[]) : [];
  const items = Array.isArray(b.items) ? (b.items as Array<Record<string, unknown>>) : [];
  const approval = b.approval as Record<string, unknown> | null;
  const ns = items.map((i) => Number(i.n));
  return [
    notSame(first, second, 'emptiedBy', true),
    approval ? notSame(approval.by, b.clerk, 'approval.by', true) : null,
    unique([b.id, ...items.map((i) => i.id)], 'items.id'),
    ns.every((n, i) => i === 0 || n > (ns[i - 1] ?? 0)) ? null : 'items.n: not in entry order',
  ];
}

/* ---------------------------------------------------------------- station and IPC */

const stationFields = (token: ReturnType<typeof pattern>): Fields => ({
  stationId: pattern(/^[A-Za-z0-9._-]{1,40}$/, 'a station id'),
  stationName: text(60, 1),
  centralUrl: pattern(/^https?:\/\/[^\s]{1,1990}$/, 'an http(s) address without spaces'),
  token,
  profileId: text(64, 1),
  paperWidth: oneOf('80mm', '58mm'),
  printerName: text(200),
  openDrawerOnCash: bool,
  kiosk: bool,
  plainTokenAccepted: bool,
});
const TOKEN = pattern(/^[\x21-\x7e]{8,512}$/, 'a token of 8 to 512 printable ASCII characters');
const TOKEN_OR_KEEP = pattern(/^([\x21-\x7e]{8,512})?$/, 'empty, or a token of 8 to 512 printable ASCII characters');

export const printFields: Fields = {
  items: list(500, 1),
  'items.#': object,
  'items.#.type': oneOf('text', 'barCode'),
  // Printed text: the layout's markup only, with no control or direction characters to reorder a receipt.
  'items.#.value': text(4000),
  'items.#.style': object,
  'items.#.style.*': pattern(/^[A-Za-z0-9 #.,%-]{0,60}$/, 'a plain style value'),
  'items.#.height': pattern(/^[A-Za-z0-9 #.,%-]{0,60}$/, 'a plain size'),
  'items.#.width': pattern(/^[A-Za-z0-9 #.,%-]{0,60}$/, 'a plain size'),
  'items.#.displayValue': bool,
  'items.#.position': oneOf('left', 'center', 'right'),
  'items.#.fontsize': int(6, 40),
  paperWidth: oneOf('80mm', '58mm'),
  copies: int(1, 3),
  openDrawer: bool,
};

/* ---------------------------------------------------------------- accounts */

const accountRowFields: Fields = {
  utility: oneOf('pwb', 'wes', 'portsmouth'),
  number: digits(4, 20),
  name: text(200, 1),
  service_address: text(300, 1),
  balance: signed,
  past_due: signed,
  due_date: orNull(date),
  status: oneOf('current', 'past_due', 'shut_off', 'certified', 'final_billed', 'closed'),
  shut_offs_12m: int(0, 999),
  beyond_shut_off: bool,
  certified_amount: orNull(signed),
};
const ACCOUNT_DIGITS: Record<string, number> = { pwb: 10, wes: 9, portsmouth: 12 };

/** A CSV file: the header, then valid and hostile lines (hostile fields quoted or not). */
const csvField = fc.tuple(fc.oneof(hostileString, hostileAmount), fc.boolean()).map(([f, quoted]) => (quoted ? `"${f.replace(/"/g, '""')}"` : f));
const hostileCsv = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom(...S.accountCsvLines), fc.array(csvField, { minLength: 11, maxLength: 11 }).map((fs) => fs.join(','))), { minLength: 1, maxLength: 4 }),
    fc.constantFrom('\n', '\r\n', '\r'),
  )
  .map(([lines, eol]) => [S.ACCOUNT_CSV_HEADER_LINE, ...lines].join(eol));
const mutatedCsvLine = fc
  .tuple(fc.nat(10), fc.oneof(hostileString, hostileAmount), fc.constantFrom(...S.accountCsvLines))
  .map(([i, value, lineText]) => {
    const fields = lineText.split(',');
    fields[i] = value.includes(',') || value.includes('"') ? `"${value.replace(/"/g, '""')}"` : value;
    return `${S.ACCOUNT_CSV_HEADER_LINE}\n${fields.join(',')}`;
  });

/* ---------------------------------------------------------------- the table */

const target = (name: string, parse: Target['parse'], samples: readonly unknown[], oracleFn: Oracle, extra: fc.Arbitrary<unknown>[] = []): Target => ({
  name,
  parse,
  samples,
  oracle: oracleFn,
  inputs: hostileInputs(samples, extra),
});

/** A parser of one string (what an input field or a file holds): fed strings only. */
const stringTarget = (name: string, parse: (s: string) => Parsed, samples: readonly string[], oracleFn: Oracle, extra: fc.Arbitrary<string>[] = []): Target => ({
  name,
  parse: (input) => parse(input as string),
  samples,
  oracle: oracleFn,
  inputs: fc.oneof({ weight: 6, arbitrary: fc.oneof(...samples.map((s) => mutatedString(s))) }, { weight: 2, arbitrary: hostileString }, { weight: 2, arbitrary: hostileAmount }, ...extra.map((arbitrary) => ({ weight: 3, arbitrary }))),
});

const scanTargets = Object.values(profiles).map((profile) =>
  stringTarget(
    `stub scan line (${profile.id})`,
    (input) => {
      const r = parseAccountEntry(input, profile.accountNumber);
      return r.ok ? { ok: true, data: r } : { ok: false };
    },
    S.scanFields[profile.id] ?? [],
    oracle({ ok: bool, kind: oneOf('account', 'scan'), account: digits(profile.accountNumber.digits, profile.accountNumber.digits), amountDue: pattern(/^[0-9]{1,7}\.[0-9]{2}$/, 'at most 9,999,999.99 (9 digits of cents)') }),
  ),
);

export const TARGETS: Target[] = [
  target('payment', viaSchema(paymentSchema), S.payments, paymentOracle),
  target('void', viaSchema(voidSchema), S.voids, oracle(voidFields, (v) => [notSame(v.approvedBy, v.cashier, 'approvedBy')])),
  target('drawer drop', viaSchema(dropSchema), S.drops, oracle(dropFields)),
  target('close-out', viaSchema(closeoutSchema), S.closeouts, oracle(closeoutFields, (c) => [notSame(c.signedOffBy, c.cashier, 'signedOffBy')])),
  target('deposit', viaSchema(depositSchema), S.deposits, oracle(depositFields, (d) => [unique(((d.drawers as Array<Record<string, unknown>>) ?? []).map((x) => x.drawerSessionId), 'drawers')])),
  target('drop-box batch', viaSchema(dropBoxBatchSchema), S.batches, oracle(batchFields, batchRelations)),
  target('station config', viaSchema(stationConfigSchema), S.stationConfigs, oracle(stationFields(TOKEN))),
  target('account import row', viaSchema(accountRowSchema), S.accountRows, oracle(accountRowFields)),
  stringTarget(
    'account import file',
    (input) => {
      const r = readAccountsCsv(input);
      return r.ok ? { ok: true, data: { rows: r.rows } } : { ok: false };
    },
    [[S.ACCOUNT_CSV_HEADER_LINE, ...S.accountCsvLines].join('\n')],
    oracle({ rows: list(1_000_000), 'rows.#': object, ...Object.fromEntries(Object.entries(accountRowFields).map(([k, v]) => [`rows.#.${k}`, v])) }, (f) =>
      ((f.rows as Array<Record<string, unknown>>) ?? []).map((r) =>
        str(r.number).length === ACCOUNT_DIGITS[str(r.utility)] ? null : `rows.number: ${str(r.number)} is not ${ACCOUNT_DIGITS[str(r.utility)] ?? '?'} digits for ${str(r.utility)}`,
      ),
    ),
    [hostileCsv, mutatedCsvLine],
  ),
  target('IPC station setup', viaSchema(stationSetupSchema), S.stationSetups, oracle(stationFields(TOKEN_OR_KEEP))),
  target('IPC connection test', viaSchema(connectionTestSchema), S.connectionTests, oracle({ centralUrl: stationFields(TOKEN).centralUrl as ReturnType<typeof pattern>, token: TOKEN_OR_KEEP })),
  target(
    'IPC central call',
    viaSchema(centralCallSchema),
    S.centralCalls,
    oracle({ method: oneOf('GET', 'POST'), path: pattern(/^\/v1\/(?!.*(^|\/)\.\.?(\/|$|\?))[A-Za-z0-9/_.?=&%-]*$/, 'a /v1/ path without dot segments'), body: any }),
  ),
  target('IPC print', viaSchema(printRequestSchema), S.printRequests, oracle(printFields)),
  target('IPC test page', viaSchema(testPageTargetSchema), S.testPageTargets, oracle({ printerName: text(200), paperWidth: oneOf('80mm', '58mm'), stationName: text(60, 1) })),
  stringTarget(
    'typed amount (parseMoneyInput)',
    (input) => {
      const r = parseMoneyInput(input);
      return r.ok ? { ok: true, data: { value: r.value } } : { ok: false };
    },
    S.moneyInputs,
    oracle({ value: amount }),
  ),
  ...scanTargets,
];

