/** A valid cash payment and its account, for the station-side tests. */
import { uuidv7 } from '../../../shared/ids';
import type { Account } from '../../../shared/accounts/account';
import type { Payment } from '../../../shared/payments/payment';

export const rosa: Account = {
  utility: 'pwb',
  number: '1000000001',
  name: 'Rosa Delgado',
  serviceAddress: '2317 NE Alberta St, Portland, OR 97211',
  balance: '182.40' as Account['balance'],
  pastDue: '0.00' as Account['pastDue'],
  dueDate: '2026-12-15',
  status: 'current',
  shutOffsLast12Months: 0,
  beyondShutOff: false,
  certifiedAmount: null,
  updatedAt: '2026-11-20T10:00:00.000Z',
};

export function cashPayment(overrides: Partial<Payment> = {}): Payment {
  return {
    id: uuidv7(),
    utility: 'pwb',
    stationId: 'station-1',
    cashier: 'cashier1',
    drawerSessionId: null,
    takenAt: '2026-11-22T09:15:00.000Z',
    lines: [{ accountNumber: '1000000001', amount: '182.40' as Payment['total'] }],
    tenders: [{ kind: 'cash', bills: '180.00' as Payment['total'], coins: '4.99' as Payment['total'] }],
    total: '182.40' as Payment['total'],
    tendered: '184.99' as Payment['total'],
    change: '2.59' as Payment['total'],
    memo: '',
    ...overrides,
  };
}
