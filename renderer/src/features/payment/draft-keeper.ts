/**
 * Writes the payment being typed to disk as it changes, without a timer and without piling up writes:
 * one write at a time, and while one is in flight only the newest draft waits. Once a draft is closed
 * (posted, or the cashier moved on), no write for it lands after the close, so it cannot come back.
 */
import type { PaymentDraft } from '../../../../shared/payments/draft';

export type DraftStore = {
  save(draft: PaymentDraft): Promise<void>;
  discard(paymentId: string): Promise<void>;
};

export type DraftKeeper = {
  keep(draft: PaymentDraft): void;
  /** Stops keeping `paymentId` and deletes its draft, after any write already started. */
  close(paymentId: string): Promise<void>;
  /** Resolves when every write asked for so far has been made. */
  settled(): Promise<void>;
};

export function createDraftKeeper(store: DraftStore, onError: (e: unknown) => void): DraftKeeper {
  let waiting: PaymentDraft | null = null;
  let running: Promise<void> | null = null;
  const closed = new Set<string>();

  const pump = async () => {
    while (waiting) {
      const next = waiting;
      waiting = null;
      if (closed.has(next.paymentId)) continue;
      await store.save(next).catch(onError);
    }
    running = null;
  };

  return {
    keep(draft) {
      if (closed.has(draft.paymentId)) return;
      waiting = draft;
      running ??= pump();
    },
    async close(paymentId) {
      closed.add(paymentId);
      if (waiting?.paymentId === paymentId) waiting = null;
      await running;
      await store.discard(paymentId).catch(onError);
    },
    async settled() {
      while (running) await running;
    },
  };
}
