/**
 * The sync runner: the only reader of the outbox. It sends pending payments in order, in batches, each with
 * its own id; applies central's per-item answers; backs off while central is unreachable or answers badly.
 * Only a per-item answer is final. A batch refused as a whole is split in halves until central answers per
 * item (or refuses one entry alone with 400: the only refusal without a per-item answer). Anything else
 * (offline, 5xx, a proxy's page, a bad body) is retried with the same entries later: taken money is never
 * given up on. One sender at a time across windows: the loop runs inside a Web Lock.
 */
import { MAX_PAYMENTS_PER_BATCH } from '../../../../shared/sync/protocol';
import { applyResults, countPending, noteAttempt, oldestPending, pendingBatch } from '../../db/outbox';
import { getMeta, setMeta } from '../../db/meta';
import type { CounterDb, OutboxEntry } from '../../db/schema';
import { backoffDelay } from './backoff';
import { CentralError, CentralRefused, CentralTooLarge, CentralUnreachable, type CentralClient } from './central-client';

export type SyncState = {
  /** False only when nothing answered: a central that answers with errors is online, and retried. */
  online: boolean;
  /** Failed attempts in a row; 0 after any success. */
  retrying: number;
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

export function startSyncRunner(db: CounterDb, client: CentralClient, opts: { lockName?: string; random?: () => number } = {}): SyncRunner {
  let stopped = false;
  let wake: (() => void) | null = null;
  // The backoff's exponent: Sync now and the network coming back start it over; `retrying` is what people see.
  let failures = 0;
  let retrying = 0;
  const listeners = new Set<(s: SyncState) => void>();
  let state: SyncState = { online: true, retrying: 0, waiting: 0, oldestWaitingSince: null, lastSyncAt: null, lastError: null };

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

  /**
   * Delivers a run until central has answered each entry, splitting it when central refuses it whole.
   * Throws (after noting the attempt) on anything to retry later; halves go in order, so a failure in the
   * first leaves the second unsent.
   */
  async function deliver(run: OutboxEntry[]): Promise<void> {
    let res: Awaited<ReturnType<typeof sendRun>>;
    try {
      res = await sendRun(run);
    } catch (e) {
      if ((e instanceof CentralTooLarge || e instanceof CentralRefused) && run.length > 1) {
        const half = Math.ceil(run.length / 2);
        await deliver(run.slice(0, half));
        await deliver(run.slice(half));
        return;
      }
      if (e instanceof CentralRefused) {
        // One entry alone breaks the protocol: kept for a supervisor, never resent blindly.
        await applyResults(db, [{ id: run[0]!.id, status: 'rejected', error: e.message }]);
        return;
      }
      await noteAttempt(db, run.map((b) => b.id), errorText(e));
      throw e;
    }
    const ids = new Set(run.map((e) => e.id));
    // Only answers about what was sent: an id from elsewhere must not settle another entry.
    const answers = res.results.filter((r) => ids.has(r.id));
    await applyResults(db, answers);
    const unanswered = ids.size - new Set(answers.map((r) => r.id)).size;
    if (unanswered > 0) {
      const message = `Central's answer left ${unanswered} of ${ids.size} unanswered`;
      await noteAttempt(db, run.filter((e) => !answers.some((r) => r.id === e.id)).map((e) => e.id), message);
      throw new CentralError(null, message);
    }
  }

  /** Notes a failure for the status bar and returns how long to wait before trying again. */
  async function failed(e: unknown): Promise<number> {
    failures += 1;
    retrying += 1;
    const online = e instanceof CentralUnreachable ? false : e instanceof CentralError ? true : state.online;
    await publish({ online, retrying, lastError: errorText(e) });
    return Math.max(1, backoffDelay(failures, opts.random));
  }

  async function succeeded(): Promise<void> {
    failures = 0;
    retrying = 0;
    await publish({ online: true, retrying: 0, lastError: null });
  }

  /** Sends one run. Returns how long to wait before the next step. */
  async function step(): Promise<number> {
    const batch = await pendingBatch(db, BATCH);
    if (batch.length === 0) {
      try {
        await client.health();
      } catch (e) {
        await failed(e);
        return IDLE_CHECK_MS;
      }
      await succeeded();
      return IDLE_CHECK_MS;
    }
    // Payments and voids go to their own endpoints; a run of one kind at a time keeps the order.
    const first = batch[0]!;
    const end = batch.findIndex((e) => e.kind !== first.kind);
    // A drop-box batch holds up to 2,000 checks: one per request keeps the body small.
    const run = first.kind === 'dropbox_batch' ? [first] : end === -1 ? batch : batch.slice(0, end);
    try {
      await deliver(run);
    } catch (e) {
      return failed(e);
    }
    await setMeta(db, 'lastSyncAt', new Date().toISOString());
    await succeeded();
    return 0;
  }

  async function loop() {
    await publish({});
    while (!stopped) {
      let wait: number;
      try {
        wait = await step();
      } catch (e) {
        // A store error must not kill the loop: report it and try again later.
        wait = await failed(e).catch(() => backoffDelay(failures, opts.random) + 1);
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

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
