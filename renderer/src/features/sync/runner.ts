/**
 * The sync runner: the only reader of the outbox. It sends pending payments in order, in batches, each with
 * its own id; applies central's per-item answers; backs off while central is unreachable.
 * One sender at a time across windows: the loop runs inside a Web Lock.
 */
import { MAX_PAYMENTS_PER_BATCH } from '../../../../shared/sync/protocol';
import { applyResults, countPending, noteAttempt, oldestPending, pendingBatch } from '../../db/outbox';
import { getMeta, setMeta } from '../../db/meta';
import type { CounterDb, OutboxEntry } from '../../db/schema';
import { backoffDelay } from './backoff';
import { CentralRefused, CentralUnreachable, type CentralClient } from './central-client';

export type SyncState = {
  online: boolean;
  waiting: number;
  oldestWaitingSince: string | null;
  lastSyncAt: string | null;
  lastError: string | null;
};

export type SyncRunner = {
  /** Asks for a send now (after a payment is committed, or the network came back). */
  kick(): void;
  /** Stops after the step in hand; resolves when the loop has let go of the store. */
  stop(): Promise<void>;
  subscribe(fn: (s: SyncState) => void): () => void;
};

// Central posts a batch set-based, so bigger batches cost little more than small ones.
const BATCH = MAX_PAYMENTS_PER_BATCH;
const IDLE_CHECK_MS = 5_000;

export function startSyncRunner(db: CounterDb, client: CentralClient, opts: { lockName?: string } = {}): SyncRunner {
  let stopped = false;
  let wake: (() => void) | null = null;
  let failures = 0;
  const listeners = new Set<(s: SyncState) => void>();
  let state: SyncState = { online: true, waiting: 0, oldestWaitingSince: null, lastSyncAt: null, lastError: null };

  const publish = async (patch: Partial<SyncState>) => {
    const oldest = await oldestPending(db);
    state = {
      ...state,
      ...patch,
      waiting: await countPending(db),
      oldestWaitingSince: oldest?.queuedAt ?? null,
      lastSyncAt: (await getMeta(db, 'lastSyncAt')) ?? null,
    };
    for (const fn of listeners) fn(state);
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      wake = () => {
        clearTimeout(t);
        wake = null;
        resolve();
      };
    });

  function sendRun(run: OutboxEntry[]) {
    const payments = run.flatMap((e) => (e.kind === 'payment' ? [e.payment] : []));
    const voids = run.flatMap((e) => (e.kind === 'void' ? [e.void] : []));
    const batches = run.flatMap((e) => (e.kind === 'dropbox_batch' ? [e.batch] : []));
    if (batches.length > 0) return client.postDropBoxBatches(batches);
    // Close-outs and deposits come after the payments and voids they sum up: the outbox's order keeps that.
    const closeouts = run.flatMap((e) => (e.kind === 'closeout' ? [e.closeout] : []));
    if (closeouts.length > 0) return client.postCloseouts(closeouts);
    const deposits = run.flatMap((e) => (e.kind === 'deposit' ? [e.deposit] : []));
    if (deposits.length > 0) return client.postDeposits(deposits);
    return payments.length > 0 ? client.postPayments(payments) : client.postVoids(voids);
  }

  /** Sends one batch. Returns how long to wait before the next step. */
  async function step(): Promise<number> {
    const batch = await pendingBatch(db, BATCH);
    if (batch.length === 0) {
      const ok = await client.health();
      await publish({ online: ok, lastError: ok ? null : state.lastError });
      return IDLE_CHECK_MS;
    }
    // Payments and voids go to their own endpoints; a run of one kind at a time keeps the order.
    const first = batch[0]!;
    const end = batch.findIndex((e) => e.kind !== first.kind);
    // A drop-box batch holds up to 2,000 checks: one per request keeps the body small.
    const run = first.kind === 'dropbox_batch' ? [first] : end === -1 ? batch : batch.slice(0, end);
    try {
      const res = await sendRun(run);
      await applyResults(db, res.results);
      await setMeta(db, 'lastSyncAt', new Date().toISOString());
      failures = 0;
      await publish({ online: true, lastError: null });
      return 0;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      await noteAttempt(db, run.map((b) => b.id), message);
      if (e instanceof CentralRefused && e.status !== 401 && e.status !== 403 && e.status !== 429) {
        // The whole batch was refused as malformed: keep each entry for a supervisor, never resend blindly.
        await applyResults(db, run.map((b) => ({ id: b.id, status: 'rejected' as const, error: message })));
        await publish({ online: true, lastError: message });
        return 0;
      }
      failures += 1;
      await publish({ online: !(e instanceof CentralUnreachable), lastError: message });
      return backoffDelay(failures);
    }
  }

  async function loop() {
    await publish({});
    while (!stopped) {
      let wait: number;
      try {
        wait = await step();
      } catch (e) {
        // A store error must not kill the loop: report it and try again later.
        await publish({ lastError: e instanceof Error ? e.message : String(e) }).catch(() => undefined);
        wait = backoffDelay(++failures);
      }
      if (wait > 0 && !stopped) await sleep(wait);
    }
  }

  const lockName = opts.lockName ?? 'counter-outbox-sender';
  const done: Promise<void> =
    typeof navigator !== 'undefined' && 'locks' in navigator
      ? navigator.locks
          .request(lockName, async () => {
            if (!stopped) await loop();
          })
          .then(() => undefined)
      : loop();

  const onOnline = () => {
    failures = 0;
    wake?.();
  };
  if (typeof window !== 'undefined') window.addEventListener('online', onOnline);

  return {
    kick() {
      failures = 0;
      void publish({});
      wake?.();
    },
    async stop() {
      stopped = true;
      wake?.();
      if (typeof window !== 'undefined') window.removeEventListener('online', onOnline);
      await done.catch(() => undefined);
    },
    subscribe(fn) {
      listeners.add(fn);
      fn(state);
      return () => listeners.delete(fn);
    },
  };
}
