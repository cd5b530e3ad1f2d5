import { describe, expect, it } from 'vitest';
import { createDraftKeeper, type DraftStore } from '../../../../renderer/src/features/payment/draft-keeper';
import type { PaymentDraft } from '../../../../shared/payments/draft';
import { draftFor } from '../../shared/payments/draft-sample';

/** A store whose writes finish only when the test says so, recording the order they landed in. */
function slowStore() {
  const landed: string[] = [];
  const gates: Array<() => void> = [];
  const store: DraftStore = {
    save: (d: PaymentDraft) =>
      new Promise<void>((resolve) =>
        gates.push(() => {
          landed.push(`save ${d.paymentId.slice(-1)} bills=${d.values.bills}`);
          resolve();
        }),
      ),
    discard: (id: string) => {
      landed.push(`discard ${id.slice(-1)}`);
      return Promise.resolve();
    },
  };
  const release = async () => {
    while (gates.length > 0) {
      gates.shift()!();
      await Promise.resolve();
      await Promise.resolve();
    }
  };
  return { store, landed, release };
}

const A = '0193a0b4-0000-7000-8000-00000000000a';
const B = '0193a0b4-0000-7000-8000-00000000000b';

describe('draft keeper', () => {
  it('writes one draft at a time, and only the newest of those typed during a write', async () => {
    const { store, landed, release } = slowStore();
    const keeper = createDraftKeeper(store, () => undefined);
    keeper.keep(draftFor({ bills: '1' }, A));
    keeper.keep(draftFor({ bills: '12' }, A));
    keeper.keep(draftFor({ bills: '120' }, A));
    await release();
    await release();
    await keeper.settled();
    expect(landed).toEqual(['save a bills=1', 'save a bills=120']);
  });

  it('after close, no write for that payment lands, even one already waiting', async () => {
    const { store, landed, release } = slowStore();
    const keeper = createDraftKeeper(store, () => undefined);
    keeper.keep(draftFor({ bills: '1' }, A));
    keeper.keep(draftFor({ bills: '12' }, A));
    const closed = keeper.close(A);
    keeper.keep(draftFor({ bills: '120' }, A));
    await release();
    await closed;
    await keeper.settled();
    expect(landed).toEqual(['save a bills=1', 'discard a']);
  });

  it('a closed payment does not stop the next one being kept', async () => {
    const { store, landed, release } = slowStore();
    const keeper = createDraftKeeper(store, () => undefined);
    await keeper.close(A);
    keeper.keep(draftFor({ bills: '5' }, B));
    await release();
    await keeper.settled();
    expect(landed).toEqual(['discard a', 'save b bills=5']);
  });

  it('a failed write is reported and the next one still goes', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const keeper = createDraftKeeper(
      {
        save: () => (++calls === 1 ? Promise.reject(new Error('disk full')) : Promise.resolve()),
        discard: () => Promise.resolve(),
      },
      (e) => errors.push(e),
    );
    keeper.keep(draftFor({ bills: '1' }, A));
    await keeper.settled();
    keeper.keep(draftFor({ bills: '2' }, A));
    await keeper.settled();
    expect(calls).toBe(2);
    expect(String(errors[0])).toContain('disk full');
  });
});
