/**
 * The drop-box clerk's screen: open a batch (retrieval time, the two people, the tape's count and total),
 * enter its checks at scanner speed against those figures, close it when it balances (or with a
 * supervisor's approval and note), print the batch report and send the batch to central.
 * An open batch survives a restart or a sign-out: it is picked up again here.
 */
import { reasonClause } from '../../../../shared/bridge/bridge';
import { useCallback, useEffect, useState } from 'react';
import { formatMoney } from '../../../../shared/money/money';
import { batchFigures } from '../../../../shared/dropbox/batch';
import { batchReportPrintData, printParts } from '../../../../shared/dropbox/report';
import { batchItems, batchSyncState, openBatchOf, type DropBoxBatchEntry, type StoredBatch, type StoredItem } from '../../db/dropbox';
import { useLive } from '../../db/live';
import { counterDb } from '../../db/schema';
import { ReceiptView } from '../receipt/ReceiptView';
import { StatusBar } from '../sync/StatusBar';
import type { SignedInUser } from '../signin/SignIn';
import type { Station } from '../../app/App';
import { BatchEntry } from './BatchEntry';
import { OpenBatchForm } from './OpenBatchForm';
import { balanceWords } from './BatchFigures';
import './dropbox.css';

type Phase =
  | { kind: 'loading' }
  | { kind: 'open' }
  | { kind: 'entering'; batch: StoredBatch; items: StoredItem[] }
  | { kind: 'closed'; entry: DropBoxBatchEntry };

export function DropBoxScreen({ station, user, onSignOut }: { station: Station; user: SignedInUser; onSignOut: () => void }) {
  const { profile, config } = station;
  const db = counterDb();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [printNote, setPrintNote] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const open = await openBatchOf(db, config.stationId);
      const items = open ? await batchItems(db, open.id) : [];
      if (!cancelled) setPhase(open ? { kind: 'entering', batch: open, items } : { kind: 'open' });
    })().catch((e: unknown) => setLoadError(`The batch could not be read (${e instanceof Error ? e.message : String(e)})`));
    return () => {
      cancelled = true;
    };
  }, [db, config.stationId]);

  const closedId = phase.kind === 'closed' ? phase.entry.id : null;
  const sync = useLive(async () => (closedId ? batchSyncState(db, closedId) : undefined), [closedId], undefined);

  const reportItems = useCallback(
    (entry: DropBoxBatchEntry, reference: string | null) =>
      batchReportPrintData({ batch: entry.batch, profile, stationName: config.stationName, paperWidth: config.paperWidth, reference }),
    [profile, config.stationName, config.paperWidth],
  );

  /** The report prints in parts of at most 400 lines, one after another; a failure never undoes the batch. */
  const print = useCallback(
    async (entry: DropBoxBatchEntry) => {
      const parts = printParts(reportItems(entry, null));
      for (const [i, items] of parts.entries()) {
        const r = await station.host.print({ items, paperWidth: config.paperWidth, openDrawer: false, copies: 1 });
        if (!r.ok) {
          setPrintNote(`Batch report not printed${parts.length > 1 ? ` (part ${i + 1} of ${parts.length})` : ''}: ${reasonClause(r.reason)}. The batch is recorded; print it again.`);
          return;
        }
      }
      setPrintNote(null);
    },
    [reportItems, station.host, config.paperWidth],
  );

  const onClosed = (entry: DropBoxBatchEntry) => {
    setPhase({ kind: 'closed', entry });
    void print(entry).catch((e: unknown) => setPrintNote(`Batch report not printed: ${String(e)}. Print it again.`));
  };

  useEffect(() => {
    if (phase.kind !== 'closed') return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F2') {
        e.preventDefault();
        setPhase({ kind: 'open' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [phase.kind]);

  return (
    <div className="counter dropbox">
      <StatusBar
        title={`${profile.shortName} · ${profile.center.name} · ${config.stationName}`}
        who={`Drop-box clerk: ${user.name}`}
        runner={station.runner}
        storagePersisted={station.storagePersisted}
        tokenAtRest={station.tokenAtRest}
        timeZone={profile.center.timeZone}
      />
      <main className="dropbox-main">
        {loadError && (
          <p role="alert" className="error">
            {loadError}
          </p>
        )}
        {phase.kind === 'open' && <OpenBatchForm station={station} user={user} onOpened={(batch) => setPhase({ kind: 'entering', batch, items: [] })} />}
        {phase.kind === 'entering' && <BatchEntry key={phase.batch.id} station={station} user={user} batch={phase.batch} initialItems={phase.items} onClosed={onClosed} />}
        {phase.kind === 'closed' && (
          <section className="panel closed-batch" aria-label="Batch closed">
            <div className="closed-summary">
              <h2>Batch closed</h2>
              {(() => {
                const b = phase.entry.batch;
                const f = batchFigures(b, b.items);
                return (
                  <dl className="figures">
                    <dt>Box emptied</dt>
                    <dd>
                      {b.retrievalDate} {b.retrievedAt.slice(11, 16)} by {b.emptiedBy[0]} and {b.emptiedBy[1]}
                    </dd>
                    <dt>Checks</dt>
                    <dd>
                      {f.entered.count} for {formatMoney(f.entered.total)} · {balanceWords(f)}
                    </dd>
                    <dt>Applied</dt>
                    <dd>
                      {f.applied.count} for {formatMoney(f.applied.total)} (partial {f.partial}, over {f.over})
                    </dd>
                    <dt>Not applied</dt>
                    <dd>
                      {f.exceptions.count} {f.exceptions.count === 1 ? 'exception' : 'exceptions'} {formatMoney(f.exceptions.total)} · {f.setAside.count} set aside{' '}
                      {formatMoney(f.setAside.total)}
                    </dd>
                    {b.approval && (
                      <>
                        <dt>Approved by</dt>
                        <dd>
                          {b.approval.by}: {b.approval.note}
                        </dd>
                      </>
                    )}
                    <dt>Central</dt>
                    <dd>
                      {sync?.state === 'sent'
                        ? `Sent: ${sync.reference ?? ''}`
                        : sync?.state === 'pending' || sync === undefined
                          ? 'Waiting to sync'
                          : `Refused (${sync.state}): ${sync.error ?? ''}; a supervisor must look at it`}
                    </dd>
                  </dl>
                );
              })()}
              {printNote && (
                <p role="alert" className="error">
                  {printNote}
                </p>
              )}
              <div className="row">
                <button type="button" className="primary" onClick={() => setPhase({ kind: 'open' })} aria-keyshortcuts="F2">
                  New batch <kbd aria-hidden="true">F2</kbd>
                </button>
                <button type="button" onClick={() => void print(phase.entry)}>
                  Print the report again
                </button>
              </div>
            </div>
            <ReceiptView label="Batch report" paperWidth={config.paperWidth} items={reportItems(phase.entry, sync?.state === 'sent' ? (sync.reference ?? null) : null)} />
          </section>
        )}
      </main>
      <footer className="keys">
        <span>Enter next field / add check · Esc clear the check · F4 no account (exception) · F9 close batch · F2 new batch</span>
        <span className="row">
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </span>
      </footer>
    </div>
  );
}
