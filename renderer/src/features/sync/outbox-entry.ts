/** An outbox entry as a supervisor knows it: what it is, its id, and the money it carries (if any). */
import type { MoneyString } from '../../../../shared/money/money';
import type { OutboxEntry } from '../../db/schema';

export type EntrySummary = { what: string; id: string; amount: MoneyString | null };

export function summarizeEntry(e: OutboxEntry): EntrySummary {
  switch (e.kind) {
    case 'payment':
      return { what: 'Payment', id: e.id, amount: e.payment.total };
    case 'void':
      return { what: `Void of payment ${e.void.paymentId}`, id: e.id, amount: null };
    case 'closeout':
      return { what: 'Drawer close-out', id: e.id, amount: null };
    case 'deposit':
      return { what: 'Deposit', id: e.id, amount: e.deposit.total };
    case 'dropbox_batch':
      return { what: 'Drop-box batch', id: e.id, amount: e.batch.controlTotal };
    default: {
      const never: never = e;
      throw new Error(`Unknown outbox entry ${JSON.stringify(never)}`);
    }
  }
}
