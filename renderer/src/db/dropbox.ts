/**
 * Drop-box batches on the station. An open batch and its items are kept as they are entered, so a restart
 * loses no check; closing writes the whole batch to the journal and the outbox in one strict transaction,
 * and from then on the batch and its items are refused any change.
 */
import Dexie from 'dexie';
import {
  batchHeaderSchema,
  batchRuleError,
  dropBoxBatchSchema,
  dropBoxItemSchema,
  MAX_DROPBOX_ITEMS,
  type Approval,
  type BatchHeader,
  type DropBoxBatch,
  type DropBoxItem,
  type UnnumberedItem,
} from '../../../shared/dropbox/batch';
import type { UtilityProfile } from '../../../shared/profiles/schema';
import type { CounterDb, OutboxState } from './schema';
import { appendToJournal } from './journal';

/** A batch as the station keeps it: open while checks are entered, closed once it is in the journal. */
export type StoredBatch = BatchHeader & {
  state: 'open' | 'closed';
  /** The number the next item gets: items keep their numbers even when one before them is removed. */
  nextN: number;
  closedAt?: string;
  approval?: Approval | null;
};

export type StoredItem = DropBoxItem & { batchId: string };

/** The journal's record of a closed batch, with every item: what is sent to central. */
export type DropBoxBatchEntry = {
  seq?: number;
  id: string;
  kind: 'dropbox_batch';
  takenAt: string;
  batch: DropBoxBatch;
  central?: { reference: string; postedAt: string };
};

/** A change the store refuses; the message starts with the field or the thing it is about. Nothing was written. */
export class BatchRefused extends Error {}

/** The station's open batch, if one is being entered (one at a time per station). */
export async function openBatchOf(db: CounterDb, stationId: string): Promise<StoredBatch | undefined> {
  return db.dropboxBatches.where('[stationId+state]').equals([stationId, 'open']).first();
}

export async function getBatch(db: CounterDb, id: string): Promise<StoredBatch | undefined> {
  return db.dropboxBatches.get(id);
}

/** A batch's items in entry order. */
export async function batchItems(db: CounterDb, batchId: string): Promise<StoredItem[]> {
  return db.dropboxItems.where('[batchId+n]').between([batchId, Dexie.minKey], [batchId, Dexie.maxKey]).toArray();
}

/** Opens a batch; refused while another batch is open on the station. */
export async function openBatch(db: CounterDb, header: BatchHeader): Promise<StoredBatch> {
  const h = batchHeaderSchema.parse(header);
  const batch: StoredBatch = { ...h, state: 'open', nextN: 1 };
  await db.transaction('rw', db.dropboxBatches, async () => {
    const open = await db.dropboxBatches.where('[stationId+state]').equals([h.stationId, 'open']).first();
    if (open) throw new BatchRefused(`Batch: the batch of ${open.retrievalDate} is still open on this station; close it first`);
    await db.dropboxBatches.add(batch);
  });
  return batch;
}

async function mustBeOpen(db: CounterDb, batchId: string): Promise<StoredBatch> {
  const batch = await db.dropboxBatches.get(batchId);
  if (!batch) throw new BatchRefused('Batch: this station holds no such batch');
  if (batch.state !== 'open') throw new BatchRefused('Batch: this batch is closed; its items cannot be changed');
  return batch;
}

/** Adds a check to an open batch under the next number. Refused for a closed batch or a full one. */
export async function addItem(db: CounterDb, batchId: string, item: UnnumberedItem): Promise<StoredItem> {
  let stored: StoredItem | null = null;
  await db.transaction('rw', db.dropboxBatches, db.dropboxItems, async () => {
    const batch = await mustBeOpen(db, batchId);
    const count = await db.dropboxItems.where('[batchId+n]').between([batchId, Dexie.minKey], [batchId, Dexie.maxKey]).count();
    if (count >= MAX_DROPBOX_ITEMS) throw new BatchRefused(`Batch: a batch holds at most ${MAX_DROPBOX_ITEMS} checks; close this one and open another`);
    const parsed = dropBoxItemSchema.parse({ ...item, n: batch.nextN });
    stored = { ...parsed, batchId };
    await db.dropboxItems.add(stored);
    await db.dropboxBatches.update(batchId, { nextN: batch.nextN + 1 });
  });
  return stored as unknown as StoredItem;
}

/** Takes a check out of an open batch (keyed wrongly: remove and enter again). Refused once the batch is closed. */
export async function removeItem(db: CounterDb, batchId: string, itemId: string): Promise<void> {
  await db.transaction('rw', db.dropboxBatches, db.dropboxItems, async () => {
    await mustBeOpen(db, batchId);
    const item = await db.dropboxItems.get(itemId);
    if (!item || item.batchId !== batchId) throw new BatchRefused('Item: not in this batch');
    await db.dropboxItems.delete(itemId);
  });
}

/**
 * Closes an open batch: the batch with every item is judged by the shared rules (balanced, or approved
 * by a supervisor with a note), then recorded in the journal and queued for central, and the batch marked
 * closed, all in one strict transaction. Resolves only after the commit.
 */
export async function closeBatch(
  db: CounterDb,
  batchId: string,
  profile: UtilityProfile,
  opts: { closedAt?: string; approval?: Approval | null } = {},
): Promise<DropBoxBatchEntry> {
  let entry: DropBoxBatchEntry | null = null;
  await db.transaction('rw', [db.dropboxBatches, db.dropboxItems, db.journal, db.outbox], async () => {
    const stored = await mustBeOpen(db, batchId);
    const items = await batchItems(db, batchId);
    if (items.length === 0) throw new BatchRefused('Close batch: enter the checks first; this batch has none');
    const { state: _state, nextN: _next, closedAt: _closed, approval: _approval, ...header } = stored;
    const candidate = {
      ...header,
      closedAt: opts.closedAt ?? new Date().toISOString(),
      approval: opts.approval ?? null,
      items: items.map(({ batchId: _b, ...item }) => item),
    };
    const parsed = dropBoxBatchSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new BatchRefused(`Close batch: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'not a batch'}`);
    }
    const batch = parsed.data;
    const broken = batchRuleError(batch, profile);
    if (broken) throw new BatchRefused(`Close batch: ${broken}`);
    if ((await db.journal.where('id').equals(batch.id).count()) > 0) throw new BatchRefused('Close batch: already recorded');
    const e: DropBoxBatchEntry = { id: batch.id, kind: 'dropbox_batch', takenAt: batch.closedAt, batch };
    await appendToJournal(db, e);
    await db.outbox.add({ id: batch.id, kind: 'dropbox_batch', batch, state: 'pending', queuedAt: new Date().toISOString(), attempts: 0 });
    await db.dropboxBatches.update(batchId, { state: 'closed', closedAt: batch.closedAt, approval: batch.approval });
    entry = e;
  });
  return entry as unknown as DropBoxBatchEntry;
}

/** A closed batch as the journal holds it, with central's reference once it has one. */
export async function closedBatchEntry(db: CounterDb, batchId: string): Promise<DropBoxBatchEntry | undefined> {
  const e = await db.journal.where('id').equals(batchId).first();
  return e && e.kind === 'dropbox_batch' ? e : undefined;
}

/** Where the closed batch stands with central: waiting, sent (with the reference), or refused for a supervisor. */
export async function batchSyncState(db: CounterDb, batchId: string): Promise<{ state: OutboxState; reference?: string; error?: string } | undefined> {
  const o = await db.outbox.where('id').equals(batchId).first();
  if (!o) return undefined;
  return { state: o.state, ...(o.reference ? { reference: o.reference } : {}), ...(o.lastError ? { error: o.lastError } : {}) };
}
