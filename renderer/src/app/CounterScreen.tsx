/**
 * The cashier's main screen: look up (typed or scanned), take cash, post, receipt, next customer.
 * Keyboard: Enter in Account number looks up; F9 posts; F2 starts a new customer; F12 reprints the last receipt.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Account } from '../../../shared/accounts/account';
import { parseAccountEntry } from '../../../shared/accounts/account-number';
import { uuidv7 } from '../../../shared/ids';
import { formatMoney, money } from '../../../shared/money/money';
import type { CashFigures } from '../../../shared/payments/cash';
import type { Payment } from '../../../shared/payments/payment';
import { receiptPrintData } from '../../../shared/receipt/receipt';
import { commitPayment, journalEntry } from '../db/payments';
import { counterDb } from '../db/schema';
import type { JournalEntry } from '../db/schema';
import { useLive } from '../db/live';
import { AccountPanel } from '../features/lookup/AccountPanel';
import { fromCache, fromCentral, notFoundMessage, unreachableMessage, type Found } from '../features/lookup/lookup';
import { CashPaymentForm } from '../features/payment/CashPaymentForm';
import { ReceiptView } from '../features/receipt/ReceiptView';
import { StatusBar } from '../features/sync/StatusBar';
import type { SignedInUser } from '../features/signin/SignIn';
import type { Station } from './App';

type Phase =
  | { kind: 'lookup' }
  | { kind: 'pay'; found: Found; paymentId: string; amountDue: string | null }
  | { kind: 'receipt'; entryId: string };

export function CounterScreen({ station, user, onSignOut }: { station: Station; user: SignedInUser; onSignOut: () => void }) {
  const { profile, config } = station;
  const db = counterDb();
  const [phase, setPhase] = useState<Phase>({ kind: 'lookup' });
  const [entry, setEntry] = useState('');
  const [lookupError, setLookupError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [postError, setPostError] = useState<string | null>(null);
  const [printNote, setPrintNote] = useState<string | null>(null);
  const [lastReceiptId, setLastReceiptId] = useState<string | null>(null);
  const accountRef = useRef<HTMLInputElement>(null);
  const lookupSeq = useRef(0);
  const posting = useRef(false);

  const newCustomer = useCallback(() => {
    setPhase({ kind: 'lookup' });
    setEntry('');
    setLookupError(null);
    setPostError(null);
    setPrintNote(null);
    accountRef.current?.focus();
  }, []);

  const lookUp = async () => {
    const parsed = parseAccountEntry(entry, profile.accountNumber);
    if (!parsed.ok) {
      setLookupError(parsed.message);
      return;
    }
    const seq = ++lookupSeq.current;
    setLookupError(null);
    setBusy(true);
    const amountDue = parsed.kind === 'scan' ? parsed.amountDue : null;
    // The payment's id is made here, once, when the cashier starts it; every resend carries it.
    const show = (found: Found) => {
      if (seq !== lookupSeq.current) return;
      setPhase((p) =>
        p.kind === 'pay' && p.found.account.number === found.account.number
          ? { ...p, found }
          : { kind: 'pay', found, paymentId: uuidv7(), amountDue },
      );
    };
    try {
      const cached = await fromCache(db, profile, parsed.account);
      if (cached) show(cached);
      try {
        const fresh = await fromCentral(db, station.client, profile, parsed.account);
        if (fresh) show(fresh);
        else if (seq === lookupSeq.current) {
          setPhase({ kind: 'lookup' });
          setLookupError(notFoundMessage(profile, parsed.account));
        }
      } catch {
        if (!cached && seq === lookupSeq.current) setLookupError(unreachableMessage(profile, parsed.account));
      }
    } finally {
      if (seq === lookupSeq.current) setBusy(false);
    }
  };

  const print = useCallback(
    async (e: JournalEntry, copyLabel: string, openDrawer: boolean) => {
      const sent = await db.outbox.where('id').equals(e.id).first();
      const items = receiptPrintData({
        payment: e.payment,
        profile,
        stationName: config.stationName,
        accounts: e.accounts,
        synced: sent?.state === 'sent',
        paperWidth: config.paperWidth,
        copyLabel,
      });
      const r = await station.host.print({ items, paperWidth: config.paperWidth, openDrawer, copies: 1 });
      setPrintNote(r.ok ? null : `Receipt not printed: ${r.reason}. The payment is recorded; press F12 to reprint.`);
    },
    [db, profile, config, station.host],
  );

  const post = async (figures: CashFigures, found: Found, paymentId: string) => {
    // One post per draft, whatever the key repeat: the id is committed once.
    if (posting.current) return;
    posting.current = true;
    try {
      await postOnce(figures, found, paymentId);
    } finally {
      posting.current = false;
    }
  };

  const postOnce = async (figures: CashFigures, found: Found, paymentId: string) => {
    setPostError(null);
    const account: Account = found.account;
    const payment: Payment = {
      id: paymentId,
      utility: profile.id,
      stationId: config.stationId,
      cashier: user.name,
      drawerSessionId: null,
      takenAt: new Date().toISOString(),
      lines: [{ accountNumber: account.number, amount: figures.amount }],
      tenders: [{ kind: 'cash', bills: figures.bills, coins: figures.coins }],
      total: figures.amount,
      tendered: figures.tendered,
      change: figures.change,
    };
    let committed: JournalEntry;
    try {
      committed = await commitPayment(db, payment, { [account.number]: account });
    } catch (e) {
      setPostError(`Post payment: the payment was not recorded (${e instanceof Error ? e.message : String(e)}); nothing was saved, try again`);
      return;
    }
    // Shown only after the commit completed: a receipt on screen stands for a stored payment.
    setPhase({ kind: 'receipt', entryId: committed.id });
    setLastReceiptId(committed.id);
    setEntry('');
    station.runner.kick();
    accountRef.current?.focus();
    // A print failure never undoes a payment: it waits for a reprint.
    await print(committed, 'Receipt', true).catch((e: unknown) => setPrintNote(`Receipt not printed: ${String(e)}. Press F12 to reprint.`));
  };

  const reprint = useCallback(async () => {
    if (!lastReceiptId) return;
    const e = await journalEntry(db, lastReceiptId);
    if (e) {
      setPhase({ kind: 'receipt', entryId: e.id });
      await print(e, 'Reprint', false);
    }
  }, [db, lastReceiptId, print]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key === 'F2') {
        e.preventDefault();
        newCustomer();
      } else if (e.key === 'F12') {
        e.preventDefault();
        void reprint();
      } else if (/^[0-9]$/.test(e.key) && !e.ctrlKey && !e.altKey && !e.metaKey && target && !['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) {
        // A scanner types at any moment: a digit typed outside a field goes to Account number.
        accountRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [newCustomer, reprint]);

  useEffect(() => accountRef.current?.focus(), []);

  const receiptEntry = useLive(() => (phase.kind === 'receipt' ? journalEntry(db, phase.entryId) : Promise.resolve(undefined)), [phase], undefined);
  const receiptSynced = useLive(
    async () => (phase.kind === 'receipt' ? (await db.outbox.where('id').equals(phase.entryId).first())?.state === 'sent' : false),
    [phase],
    false,
  );

  return (
    <div className="counter">
      <StatusBar
        title={`${profile.shortName} · ${profile.center.name} · ${config.stationName}`}
        who={`Cashier: ${user.name}`}
        runner={station.runner}
        storagePersisted={station.storagePersisted}
      />
      <div className="lookup-row">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void lookUp();
          }}
          aria-label="Account look-up"
        >
          <div className="field inline">
            <label htmlFor="account-number">Account number</label>
            <input
              id="account-number"
              ref={accountRef}
              value={entry}
              onChange={(e) => setEntry(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              className="mono big-input"
              aria-invalid={!!lookupError}
              aria-describedby={lookupError ? 'account-number-error' : 'account-number-hint'}
            />
            <span id="account-number-hint" className="muted">
              scan or type, Enter
            </span>
            <button type="submit" disabled={busy}>
              Look up
            </button>
          </div>
          {lookupError && (
            <p id="account-number-error" role="alert" className="error">
              {lookupError}
            </p>
          )}
        </form>
      </div>
      <main className="work">
        {phase.kind === 'pay' && (
          <>
            <AccountPanel found={phase.found} profile={profile} />
            {phase.found.account.status === 'closed' ? (
              <section className="panel" aria-label="Payment">
                <p role="alert" className="error">
                  This account is closed: payments are not taken for it. Ask a supervisor.
                </p>
              </section>
            ) : (
              <CashPaymentForm
                key={phase.paymentId}
                profile={profile}
                suggestedAmount={phase.amountDue ?? (money(phase.found.account.balance).greaterThan(0) ? phase.found.account.balance : '')}
                postError={postError}
                onPost={(figures) => post(figures, phase.found, phase.paymentId)}
              />
            )}
          </>
        )}
        {phase.kind === 'receipt' && receiptEntry && (
          <section className="panel receipt" aria-label="Receipt">
            <h2>Payment posted</h2>
            <p className="change money big">Change due {formatMoney(receiptEntry.payment.change)}</p>
            {printNote && (
              <p role="alert" className="error">
                {printNote}
              </p>
            )}
            <ReceiptView
              paperWidth={config.paperWidth}
              items={receiptPrintData({
                payment: receiptEntry.payment,
                profile,
                stationName: config.stationName,
                accounts: receiptEntry.accounts,
                synced: receiptSynced,
                paperWidth: config.paperWidth,
              })}
            />
            <div className="actions">
              <button type="button" onClick={newCustomer}>
                New customer <kbd aria-hidden="true">F2</kbd>
              </button>
              <button type="button" onClick={() => void reprint()}>
                Reprint <kbd aria-hidden="true">F12</kbd>
              </button>
            </div>
          </section>
        )}
        {phase.kind === 'lookup' && (
          <section className="panel idle" aria-label="Next customer">
            <p className="muted">Scan the bill stub or type the account number, then press Enter.</p>
          </section>
        )}
      </main>
      <footer className="keys">
        <span>F2 new customer · F9 post · F12 reprint</span>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </footer>
    </div>
  );
}
