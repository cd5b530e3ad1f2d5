/**
 * The printed documents' own words in the customer's language, and amounts and dates formatted for it.
 *
 * Only the counter's labels are translated. Texts the utility writes in its profile (header, footer, notices,
 * fee labels) print as the profile has them, in English: they are the utility's wording, sometimes legal,
 * and a translation is the utility's to publish, not ours to improvise. The cashier's screens stay English.
 */
import type { MoneyString } from '../money/money';

export const LANGUAGES = ['en', 'es', 'vi', 'ru', 'zh'] as const;
export type Language = (typeof LANGUAGES)[number];

/** BCP 47 locale per language. Spanish and English as written in the US; Chinese is Simplified. */
export const LOCALES: Readonly<Record<Language, string>> = {
  en: 'en-US',
  es: 'es-US',
  vi: 'vi-VN',
  ru: 'ru-RU',
  zh: 'zh-CN',
};

/** Each language's name in itself, for the cashier's language picker. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  es: 'Español',
  vi: 'Tiếng Việt',
  ru: 'Русский',
  zh: '简体中文',
};

/** Every label a document prints. A language without one of these does not compile. */
export interface Labels {
  receipt: string;
  reprint: string;
  drawerCopy: string;
  date: string;
  station: string;
  cashier: string;
  transaction: string;
  account: string;
  amountApplied: string;
  balanceAfter: string;
  /** The part of a line's amount beyond what the account owed, kept on it as a credit. */
  creditKept: string;
  cashBills: string;
  cashCoins: string;
  check: (checkNumber: string) => string;
  moneyOrder: (serial: string) => string;
  /** Brand and last four digits: all a receipt may show of a card. */
  card: (brand: string, last4: string) => string;
  total: string;
  tendered: string;
  change: string;
  pendingSync: string;
  memo: (text: string) => string;
  /** Shut off, restored only once the amount is posted (PWB: more than once in 12 months, or beyond shut-off). */
  restorationPosted: (amount: string, percent: number) => string;
  restorationMet: string;
  restorationNotMet: (short: string) => string;
  /** Shut off once: restored on a promise to pay the amount within 3 business days. */
  restorationPromise: (amount: string, percent: number) => string;
  voidTitle: string;
  voidedTransaction: string;
  originalDate: string;
  approvedBy: string;
  reversed: string;
  totalReversed: string;
  originalTenders: string;
  reason: (text: string) => string;
  stubTitle: string;
  name: string;
  serviceAddress: string;
  amountDue: string;
  dueDate: string;
  dueOnReceipt: string;
  returnStub: string;
  /** Before the returned-payment fee: the fee is charged only if this payment comes back unpaid, not now. */
  ifPaymentReturned: string;
}

export const LABELS: Readonly<Record<Language, Labels>> = {
  en: {
    receipt: 'Receipt',
    reprint: 'Reprint',
    drawerCopy: 'Drawer copy',
    date: 'Date',
    station: 'Station',
    cashier: 'Cashier',
    transaction: 'Transaction',
    account: 'Account',
    amountApplied: 'Amount applied',
    balanceAfter: 'Balance after payment',
    creditKept: 'Kept as credit',
    cashBills: 'Cash: bills',
    cashCoins: 'Cash: coins',
    check: (n) => `Check #${n}`,
    moneyOrder: (s) => `Money order #${s}`,
    card: (brand, last4) => `${brand} ending ${last4}`,
    total: 'Total paid',
    tendered: 'Tendered',
    change: 'Change',
    pendingSync: 'Pending sync',
    memo: (text) => `Memo: ${text}`,
    restorationPosted: (amount, percent) => `To restore service, ${amount} (${percent}% of the balance) must be posted, plus a payment arrangement for the rest.`,
    restorationMet: 'This payment meets it.',
    restorationNotMet: (short) => `This payment does not meet it: ${short} short.`,
    restorationPromise: (amount, percent) => `Service is restored on a promise to pay ${amount} (${percent}% of the balance) within 3 business days, plus a payment arrangement for the rest.`,
    voidTitle: 'VOID',
    voidedTransaction: 'Voided transaction',
    originalDate: 'Original date',
    approvedBy: 'Approved by',
    reversed: 'Reversed',
    totalReversed: 'Total reversed',
    originalTenders: 'Original tenders',
    reason: (text) => `Reason: ${text}`,
    stubTitle: 'Payment stub',
    name: 'Name',
    serviceAddress: 'Service address',
    amountDue: 'Amount due',
    dueDate: 'Due date',
    dueOnReceipt: 'Due on receipt',
    returnStub: 'Return this stub with your payment.',
    ifPaymentReturned: 'Not charged today. If this payment is returned unpaid:',
  },
  es: {
    receipt: 'Recibo',
    reprint: 'Reimpresión',
    drawerCopy: 'Copia de caja',
    date: 'Fecha',
    station: 'Estación',
    cashier: 'Cajero',
    transaction: 'Transacción',
    account: 'Cuenta',
    amountApplied: 'Monto aplicado',
    balanceAfter: 'Saldo después del pago',
    creditKept: 'Queda como crédito',
    cashBills: 'Efectivo: billetes',
    cashCoins: 'Efectivo: monedas',
    check: (n) => `Cheque n.º ${n}`,
    moneyOrder: (s) => `Giro postal n.º ${s}`,
    card: (brand, last4) => `${brand} terminada en ${last4}`,
    total: 'Total pagado',
    tendered: 'Entregado',
    change: 'Cambio',
    pendingSync: 'Pendiente de sincronizar',
    memo: (text) => `Nota: ${text}`,
    restorationPosted: (amount, percent) => `Para restablecer el servicio deben abonarse ${amount} (${percent}% del saldo), más un plan de pagos por el resto.`,
    restorationMet: 'Este pago lo cumple.',
    restorationNotMet: (short) => `Este pago no lo cumple: faltan ${short}.`,
    restorationPromise: (amount, percent) => `El servicio se restablece con la promesa de pagar ${amount} (${percent}% del saldo) en 3 días hábiles, más un plan de pagos por el resto.`,
    voidTitle: 'ANULACIÓN',
    voidedTransaction: 'Transacción anulada',
    originalDate: 'Fecha original',
    approvedBy: 'Aprobado por',
    reversed: 'Revertido',
    totalReversed: 'Total revertido',
    originalTenders: 'Formas de pago originales',
    reason: (text) => `Motivo: ${text}`,
    stubTitle: 'Talón de pago',
    name: 'Nombre',
    serviceAddress: 'Dirección del servicio',
    amountDue: 'Monto adeudado',
    dueDate: 'Fecha de vencimiento',
    dueOnReceipt: 'Vence al recibirla',
    returnStub: 'Devuelva este talón con su pago.',
    ifPaymentReturned: 'No se cobra hoy. Si este pago es devuelto sin pagar:',
  },
  vi: {
    receipt: 'Biên lai',
    reprint: 'In lại',
    drawerCopy: 'Bản lưu két tiền',
    date: 'Ngày',
    station: 'Quầy',
    cashier: 'Thu ngân',
    transaction: 'Giao dịch',
    account: 'Tài khoản',
    amountApplied: 'Số tiền thanh toán',
    balanceAfter: 'Số dư sau thanh toán',
    creditKept: 'Giữ lại làm tín dụng',
    cashBills: 'Tiền mặt: tiền giấy',
    cashCoins: 'Tiền mặt: tiền xu',
    check: (n) => `Séc số ${n}`,
    moneyOrder: (s) => `Phiếu chuyển tiền số ${s}`,
    card: (brand, last4) => `Thẻ ${brand} số cuối ${last4}`,
    total: 'Tổng đã trả',
    tendered: 'Số tiền đưa',
    change: 'Tiền thối lại',
    pendingSync: 'Đang chờ đồng bộ',
    memo: (text) => `Ghi chú: ${text}`,
    restorationPosted: (amount, percent) => `Để khôi phục dịch vụ, quý vị cần thanh toán trước ${amount} (${percent}% số dư), cùng một gói thanh toán cho phần còn lại.`,
    restorationMet: 'Khoản thanh toán này đã đáp ứng yêu cầu.',
    restorationNotMet: (short) => `Khoản thanh toán này chưa đáp ứng yêu cầu: còn thiếu ${short}.`,
    restorationPromise: (amount, percent) => `Dịch vụ được khôi phục khi quý vị cam kết trả ${amount} (${percent}% số dư) trong 3 ngày làm việc, cùng một gói thanh toán cho phần còn lại.`,
    voidTitle: 'HỦY GIAO DỊCH',
    voidedTransaction: 'Giao dịch bị hủy',
    originalDate: 'Ngày giao dịch gốc',
    approvedBy: 'Người duyệt',
    reversed: 'Hoàn lại',
    totalReversed: 'Tổng hoàn lại',
    originalTenders: 'Hình thức thanh toán gốc',
    reason: (text) => `Lý do: ${text}`,
    stubTitle: 'Phiếu thanh toán',
    name: 'Tên',
    serviceAddress: 'Địa chỉ dịch vụ',
    amountDue: 'Số tiền phải trả',
    dueDate: 'Hạn thanh toán',
    dueOnReceipt: 'Trả ngay khi nhận hóa đơn',
    returnStub: 'Vui lòng gửi kèm phiếu này khi thanh toán.',
    ifPaymentReturned: 'Không tính phí hôm nay. Nếu khoản thanh toán này bị trả lại:',
  },
  ru: {
    receipt: 'Квитанция',
    reprint: 'Повторная печать',
    drawerCopy: 'Копия для кассы',
    date: 'Дата',
    station: 'Касса',
    cashier: 'Кассир',
    transaction: 'Операция',
    account: 'Лицевой счёт',
    amountApplied: 'Зачислено',
    balanceAfter: 'Баланс после оплаты',
    creditKept: 'Переплата на счёте',
    cashBills: 'Наличные: купюры',
    cashCoins: 'Наличные: монеты',
    check: (n) => `Чек № ${n}`,
    moneyOrder: (s) => `Денежный перевод № ${s}`,
    card: (brand, last4) => `${brand}, последние цифры ${last4}`,
    total: 'Итого оплачено',
    tendered: 'Получено',
    change: 'Сдача',
    pendingSync: 'Ожидает синхронизации',
    memo: (text) => `Примечание: ${text}`,
    restorationPosted: (amount, percent) => `Для восстановления услуги нужно внести ${amount} (${percent}% задолженности) и оформить план оплаты остатка.`,
    restorationMet: 'Этот платёж выполняет условие.',
    restorationNotMet: (short) => `Этот платёж не выполняет условие: не хватает ${short}.`,
    restorationPromise: (amount, percent) => `Услуга восстанавливается при обязательстве оплатить ${amount} (${percent}% задолженности) в течение 3 рабочих дней и плане оплаты остатка.`,
    voidTitle: 'АННУЛИРОВАНИЕ',
    voidedTransaction: 'Аннулированная операция',
    originalDate: 'Дата операции',
    approvedBy: 'Утвердил(а)',
    reversed: 'Возвращено',
    totalReversed: 'Всего возвращено',
    originalTenders: 'Способы оплаты',
    reason: (text) => `Причина: ${text}`,
    stubTitle: 'Платёжный талон',
    name: 'Имя',
    serviceAddress: 'Адрес обслуживания',
    amountDue: 'Сумма к оплате',
    dueDate: 'Срок оплаты',
    dueOnReceipt: 'При получении счёта',
    returnStub: 'Приложите этот талон к платежу.',
    ifPaymentReturned: 'Сегодня не взимается. Если этот платёж будет возвращён:',
  },
  zh: {
    receipt: '收据',
    reprint: '补打收据',
    drawerCopy: '钱箱存根',
    date: '日期',
    station: '收款台',
    cashier: '收银员',
    transaction: '交易号',
    account: '账户',
    amountApplied: '本次入账',
    balanceAfter: '付款后余额',
    creditKept: '多付款存入账户',
    cashBills: '现金：纸币',
    cashCoins: '现金：硬币',
    check: (n) => `支票 #${n}`,
    moneyOrder: (s) => `汇票 #${s}`,
    card: (brand, last4) => `${brand} 尾号 ${last4}`,
    total: '实付合计',
    tendered: '收到金额',
    change: '找零',
    pendingSync: '等待同步',
    memo: (text) => `备注：${text}`,
    restorationPosted: (amount, percent) => `恢复服务须先入账 ${amount}（余额的 ${percent}%），余款须办理分期付款。`,
    restorationMet: '本次付款已满足此要求。',
    restorationNotMet: (short) => `本次付款未满足此要求：尚差 ${short}。`,
    restorationPromise: (amount, percent) => `承诺在 3 个工作日内支付 ${amount}（余额的 ${percent}%）并办理余款分期付款后，即可恢复服务。`,
    voidTitle: '作废',
    voidedTransaction: '被作废的交易',
    originalDate: '原交易日期',
    approvedBy: '批准人',
    reversed: '冲回',
    totalReversed: '冲回合计',
    originalTenders: '原付款方式',
    reason: (text) => `原因：${text}`,
    stubTitle: '缴费单',
    name: '姓名',
    serviceAddress: '服务地址',
    amountDue: '应付金额',
    dueDate: '到期日',
    dueOnReceipt: '见单即付',
    returnStub: '付款时请附上此单。',
    ifPaymentReturned: '今天不收取。如本次付款被退回：',
  },
};

export const DEFAULT_TIME_ZONE = 'America/Los_Angeles';

const SIGNED_AMOUNT = /^-?(0|[1-9][0-9]*)\.[0-9]{2}$/;
const amountFormats = new Map<Language, Intl.NumberFormat>();

/**
 * "$182.40", "182,40 US$", "US$182.40"… An amount in the language's currency format. Intl reads the
 * two-decimal string as an exact decimal (Intl.NumberFormat v3 string input): no float ever holds the amount.
 */
export function formatAmount(amount: MoneyString, language: Language): string {
  if (!SIGNED_AMOUNT.test(amount)) throw new Error(`Not a two-decimal amount: ${JSON.stringify(amount)}`);
  let format = amountFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[language], { style: 'currency', currency: 'USD' });
    amountFormats.set(language, format);
  }
  return format.format(amount as `${number}`);
}

function dateTimeFormat(language: Language, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(LOCALES[language], { ...options, timeZone });
  } catch (error) {
    // A mistyped zone would otherwise surface as a bare RangeError from deep inside a print.
    throw new Error(`Unknown time zone ${JSON.stringify(timeZone)} for the receipt: use an IANA name such as America/Los_Angeles (${String(error)})`, { cause: error });
  }
}

/** Date and time in the station's time zone (the utility's, not the computer's), written the language's way. */
export function formatDateTime(iso: string, language: Language, timeZone: string = DEFAULT_TIME_ZONE): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new Error(`Not a timestamp: ${JSON.stringify(iso)}`);
  return dateTimeFormat(language, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(at);
}

/** A calendar date (YYYY-MM-DD, no time of day) with the month written out: "March 21, 2025", "21 tháng 3, 2025". */
export function formatCalendarDate(isoDate: string, language: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new Error(`Not a date written YYYY-MM-DD: ${JSON.stringify(isoDate)}`);
  // Read and written in UTC, so the day never shifts with the computer's zone.
  const at = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return dateTimeFormat(language, 'UTC', { year: 'numeric', month: 'long', day: 'numeric' }).format(at);
}
