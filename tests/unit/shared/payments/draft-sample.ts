/** A payment draft as the form keeps it, for the draft tests. */
import type { PaymentDraft } from '../../../../shared/payments/draft';
import { rosa } from '../../renderer/sample';

export function draftFor(overrides: Partial<PaymentDraft['values']> = {}, paymentId = '0193a0b4-0000-7000-8000-000000000001'): PaymentDraft {
  return {
    paymentId,
    stationId: 'station-1',
    cashier: 'cashier1',
    startedAt: '2026-11-22T17:15:00.000Z',
    savedAt: '2026-11-22T17:15:20.000Z',
    accounts: [rosa],
    amountDue: null,
    values: {
      lines: [{ accountNumber: rosa.number, amount: '182.40' }],
      bills: '180',
      coins: '4.99',
      tenders: [],
      memo: '',
      confirmCredit: false,
      confirmCertified: false,
      ...overrides,
    },
    receiptLanguage: 'vi',
  };
}
