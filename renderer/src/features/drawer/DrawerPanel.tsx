/**
 * F10, the drawer screen. Everyone sees their own drawer here: open it (a supervisor approves), record a
 * drop (a second person watches), count and close (blind), sign off (a supervisor approves). Supervisors
 * also see every drawer at this station with its running expected totals (never shown to cashiers),
 * the approvals waiting, the Z reports, the deposit, the end-of-day checklist and the journal tools.
 * Escape goes back a step, then leaves.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { Closeout, Expected } from '../../../../shared/drawer/closeout';
import type { Deposit } from '../../../../shared/drawer/deposit';
import type { DrawerSession } from '../../../../shared/drawer/entries';
import { formatMoney } from '../../../../shared/money/money';
import { expectedNow, stationDrawers } from '../../db/drawer';
import { useLive } from '../../db/live';
import { counterDb } from '../../db/schema';
import type { Station } from '../../app/App';
import { useBusinessDay } from '../../app/useBusinessDay';
import type { SignedInUser } from '../signin/SignIn';
import { CountForm } from './CountForm';
import { DepositForm } from './DepositForm';
import { DepositView, ZReportView } from './Documents';
import { DropForm } from './DropForm';
import { EndOfDayChecklist } from './EndOfDay';
import { JournalTools } from './JournalTools';
import { OpenDrawerForm } from './OpenDrawerForm';
import { SignOffForm } from './SignOffForm';
import { clock, drawerStatus } from './useDrawer';

type View =
  | { kind: 'home' }
  | { kind: 'open' }
  | { kind: 'drop'; drawerId: string }
  | { kind: 'count'; drawerId: string }
  | { kind: 'signoff'; drawerId: string }
  | { kind: 'report'; closeout: Closeout; printOnShow: boolean }
  | { kind: 'deposit' }
  | { kind: 'deposited'; deposit: Deposit }
  | { kind: 'eod' };

const STATE_WORDS: Record<DrawerSession['state'], string> = { open: 'Open', counted: 'Counted, waiting for sign-off', closed: 'Closed' };

export function DrawerPanel({ station, user, paymentInHand, onClose }: { station: Station; user: SignedInUser; paymentInHand: boolean; onClose: () => void }) {
  const db = counterDb();
  const stationId = station.config.stationId;
  const isSupervisor = user.role === 'supervisor';
  const today = useBusinessDay(station.profile);
  const [view, setView] = useState<View>({ kind: 'home' });
  const [message, setMessage] = useState<string | null>(null);
  const drawers = useLive(() => stationDrawers(db, stationId), [stationId], []);
  // Closed drawers stay listed until the center's midnight.
  const shown = drawers.filter((d) => d.state !== 'closed' || (d.openedAt >= today.start.toISOString() && d.openedAt < today.end.toISOString()));
  const mine = drawers.find((d) => d.cashier === user.name && d.state !== 'closed') ?? null;
  // Running expected totals: computed only for a supervisor, never for a cashier's screen.
  const expected = useLive(
    async () => (isSupervisor ? Object.fromEntries(await Promise.all(shown.filter((d) => d.state === 'open').map(async (d) => [d.id, await expectedNow(db, d)] as const))) : {}),
    [isSupervisor, shown.map((d) => `${d.id}:${d.state}`).join(',')],
    {} as Record<string, Expected>,
  );

  useEffect(() => {
    // Capture: Escape steps back inside the drawer screen before the counter screen sees it.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && view.kind !== 'home') {
        e.preventDefault();
        e.stopImmediatePropagation();
        setView({ kind: 'home' });
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [view.kind]);

  const home = (msg?: string) => {
    setMessage(msg ?? null);
    setView({ kind: 'home' });
  };
  const byId = (id: string) => drawers.find((d) => d.id === id);

  let body: ReactNode;
  switch (view.kind) {
    case 'open':
      body = <OpenDrawerForm station={station} user={user} onDone={() => home('Drawer opened')} onCancel={() => home()} />;
      break;
    case 'drop': {
      const d = byId(view.drawerId);
      body = d ? <DropForm station={station} user={user} drawer={d} onDone={(m) => home(m)} onCancel={() => home()} /> : null;
      break;
    }
    case 'count': {
      const d = byId(view.drawerId);
      body = d ? <CountForm drawer={d} paymentInHand={paymentInHand && d.cashier === user.name} onDone={() => setView({ kind: 'signoff', drawerId: d.id })} onCancel={() => home()} /> : null;
      break;
    }
    case 'signoff': {
      const d = byId(view.drawerId);
      body = d ? (
        <SignOffForm
          station={station}
          user={user}
          drawer={d}
          onSignedOff={(c) => {
            setMessage(null);
            setView({ kind: 'report', closeout: c, printOnShow: true });
          }}
          onReopened={() => home('Drawer reopened')}
          onCancel={() => home()}
        />
      ) : null;
      break;
    }
    case 'report':
      body = <ZReportView station={station} closeout={view.closeout} printOnShow={view.printOnShow} onClose={() => home()} />;
      break;
    case 'deposit':
      body = <DepositForm station={station} user={user} onPrepared={(d) => setView({ kind: 'deposited', deposit: d })} onCancel={() => home()} />;
      break;
    case 'deposited':
      body = <DepositView station={station} deposit={view.deposit} printOnShow onClose={() => home()} />;
      break;
    case 'eod':
      body = <EndOfDayChecklist station={station} user={user} onClose={() => home()} />;
      break;
    case 'home': {
      const waiting = shown.filter((d) => d.state === 'counted');
      body = (
        <>
          {message && (
            <p role="status" className="alert-text ok">
              ✓ {message}
            </p>
          )}
          <section aria-label="Your drawer">
            <h3>Your drawer</h3>
            <p>
              {user.name}: {drawerStatus(mine, today.timeZone)}
              {mine ? ` · opened by ${mine.openedBy}, float ${formatMoney(mine.float)}` : ''}
            </p>
            <div className="row">
              {!mine && (
                <button type="button" onClick={() => setView({ kind: 'open' })}>
                  {isSupervisor ? 'Open a drawer' : 'Open drawer'}
                </button>
              )}
              {mine?.state === 'open' && (
                <>
                  <button type="button" onClick={() => setView({ kind: 'drop', drawerId: mine.id })}>
                    Record a drop
                  </button>
                  <button type="button" onClick={() => setView({ kind: 'count', drawerId: mine.id })}>
                    Count and close
                  </button>
                </>
              )}
              {mine?.state === 'counted' && (
                <button type="button" onClick={() => setView({ kind: 'signoff', drawerId: mine.id })}>
                  Sign off
                </button>
              )}
            </div>
          </section>
          {isSupervisor && (
            <>
              <section aria-label="Drawers at this station">
                <h3>Drawers at this station · running expected totals</h3>
                <div className="row">
                  {mine && (
                    <button type="button" onClick={() => setView({ kind: 'open' })}>
                      Open a drawer for a cashier
                    </button>
                  )}
                </div>
                {shown.length === 0 ? (
                  <p className="muted">No drawers today.</p>
                ) : (
                  <table className="drawer-table" aria-label="Drawers">
                    <thead>
                      <tr>
                        <th scope="col">Cashier</th>
                        <th scope="col">State</th>
                        <th scope="col">Opened</th>
                        <th scope="col" className="money">Float</th>
                        <th scope="col" className="money">Expected cash</th>
                        <th scope="col" className="money">Checks</th>
                        <th scope="col" className="money">Money orders</th>
                        <th scope="col" className="money">Cards</th>
                        <th scope="col" className="money">Payments</th>
                        <th scope="col" className="money">Voids</th>
                        <th scope="col">Actions</th>
                      </tr>
                    </thead>
                    <tbody>
                      {shown.map((d) => {
                        const e = d.state === 'closed' ? d.closeout?.expected : expected[d.id];
                        return (
                          <tr key={d.id}>
                            <th scope="row">{d.cashier}</th>
                            <td>{STATE_WORDS[d.state]}</td>
                            <td>
                              {clock(d.openedAt, today.timeZone)} by {d.openedBy}
                            </td>
                            <td className="money">{formatMoney(d.float)}</td>
                            <td className="money">{e ? formatMoney(e.cash) : d.state === 'counted' ? 'after sign-off' : '…'}</td>
                            <td className="money">{e ? `${formatMoney(e.checks.total)} (${e.checks.count})` : ''}</td>
                            <td className="money">{e ? `${formatMoney(e.moneyOrders.total)} (${e.moneyOrders.count})` : ''}</td>
                            <td className="money">{e ? `${formatMoney(e.card.total)} (${e.card.count})` : ''}</td>
                            <td className="money">{e ? `${formatMoney(e.payments.total)} (${e.payments.count})` : ''}</td>
                            <td className="money">{e ? `${formatMoney(e.voids.total)} (${e.voids.count})` : ''}</td>
                            <td>
                              <div className="row">
                                {d.state === 'open' && (
                                  <>
                                    <button type="button" className="small" onClick={() => setView({ kind: 'drop', drawerId: d.id })}>
                                      Record a drop for {d.cashier}
                                    </button>
                                    <button type="button" className="small" onClick={() => setView({ kind: 'count', drawerId: d.id })}>
                                      Count and close {d.cashier}
                                    </button>
                                  </>
                                )}
                                {d.state === 'closed' && d.closeout && (
                                  <button type="button" className="small" onClick={() => setView({ kind: 'report', closeout: d.closeout!, printOnShow: false })}>
                                    Z report {d.cashier}
                                  </button>
                                )}
                              </div>
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                )}
              </section>
              <section aria-label="Approvals waiting">
                <h3>Approvals waiting ({waiting.length})</h3>
                {waiting.length === 0 ? (
                  <p className="muted">Nothing waits for a supervisor.</p>
                ) : (
                  <ul>
                    {waiting.map((d) => (
                      <li key={d.id}>
                        {d.cashier}: counted at {clock(d.countedAt ?? d.openedAt, today.timeZone)}{' '}
                        <button type="button" className="small" onClick={() => setView({ kind: 'signoff', drawerId: d.id })}>
                          Sign off {d.cashier}
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              <section aria-label="End of day">
                <h3>End of day</h3>
                <div className="row">
                  <button type="button" onClick={() => setView({ kind: 'deposit' })}>
                    Prepare deposit
                  </button>
                  <button type="button" onClick={() => setView({ kind: 'eod' })}>
                    End-of-day checklist
                  </button>
                </div>
              </section>
              <JournalTools station={station} />
            </>
          )}
        </>
      );
      break;
    }
    default: {
      const never: never = view;
      throw new Error(`Unknown view ${JSON.stringify(never)}`);
    }
  }

  return (
    <section className="panel wide drawer-panel" aria-label="Drawers">
      <div className="row">
        <h2>Drawers</h2>
        <button type="button" onClick={onClose}>
          Back to the counter <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
      {body}
    </section>
  );
}
