/**
 * The cashier's main screen: look up (typed or scanned), take any mix of tenders for one or several
 * accounts, post, receipt, next customer.
 * Keys: Enter in Account number looks up; F3 adds another account; F5-F7 add tenders; F8 void; F9 posts;
 * F10 the drawer screen (open, drops, blind count, sign-off; for supervisors every drawer, approvals,
 * deposit, end of day, journal); F2 starts a new customer; F12 reprints the last receipt, Shift+F12 lists
 * today's receipts to reprint any; Escape leaves
 * the void, drawer and sync screens (from the drawer screen, back to a payment that was in hand).
 * Every payment goes into the cashier's open drawer (its session id on the payment); with none open,
 * nothing posts. The screen locks after the profile's idle minutes.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Account } from '../../../shared/accounts/account';
import { parseAccountEntry } from '../../../shared/accounts/account-number';
import { uuidv7 } from '../../../shared/ids';
import { formatMoney, money } from '../../../shared/money/money';
import type { Payment } from '../../../shared/payments/payment';
import type { Judged, TransactionDraft } from '../../../shared/payments/transaction';
import { describeRestoration, restorationNeed } from '../../../shared/payments/transaction';
import { postedPaymentCopies, receiptPrintData, voidSlipPrintData, type CopyLabel } from '../../../shared/receipt/receipt';
import { reasonClause, type PrintResult } from '../../../shared/bridge/bridge';
import { billStubPrintData } from '../../../shared/receipt/stub';
import type { Language } from '../../../shared/receipt/i18n';
import { journalEntry } from '../db/payments';
import { commitDrawerPayment, currentDrawer, DrawerRefused } from '../db/drawer';
import { counterDb } from '../db/schema';
import { approve } from '../db/users';
import { discardDraft, loadDraft, saveDraft, type LoadedDraft } from '../db/drafts';
import { createDraftKeeper } from '../features/payment/draft-keeper';
import { UnfinishedPayment } from '../features/payment/UnfinishedPayment';
import type { PaymentEntry, VoidEntry } from '../db/schema';
import { useLive } from '../db/live';
import { AccountPanel } from '../features/lookup/AccountPanel';
import { fromCache, fromCentral, notFoundMessage, unreachableMessage, type Found } from '../features/lookup/lookup';
import { TransactionForm } from '../features/payment/TransactionForm';
import { ReceiptView } from '../features/receipt/ReceiptView';
import { ReceiptsToday } from '../features/receipt/ReceiptsToday';
import { StatusBar } from '../features/sync/StatusBar';
import { VoidPanel } from '../features/void/VoidPanel';
import { SyncPanel } from '../features/sync/SyncPanel';
import type { SignedInUser } from '../features/signin/SignIn';
import { DrawerPanel } from '../features/drawer/DrawerPanel';
import { drawerStatus, useDrawer } from '../features/drawer/useDrawer';
import { LockScreen, useIdleLock } from '../features/drawer/IdleLock';
import type { Station } from './App';

type Phase =
  | { kind: 'lookup' }
  | {
      kind: 'pay';
      found: Found[];
      paymentId: string;
      amountDue: string | null;
      startedAt: string;
      /** What was typed: a draft resumed after a restart, or the payment held while F10 was open. */
      restore?: { values: TransactionDraft; language: Language };
    }
  | { kind: 'receipt'; entryId: string }
  | { kind: 'void' }
  | { kind: 'sync' }
  | { kind: 'receipts' }
  | { kind: 'voided'; entry: VoidEntry; original: PaymentEntry }
  | { kind: 'stub'; account: Account }
  /** The drawer screen; `held` is the payment that was in hand when F10 was pressed, back on Escape. */
  | { kind: 'drawer'; held: Extract<Phase, { kind: 'pay' }> | null };

export function CounterScreen({ station, user, onSignOut }: { station: Station; user: SignedInUser; onSignOut: () => void }) {
  const { profile, config } = station;
  const db = counterDb();
  const [phase, setPhase] = useState<Phase>({ kind: 'lookup' });
  const [entry, setEntry] = useState('');
  const [adding, setAdding] = useState(false);
  const [lookupError, setLookupError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [postError, setPostError] = useState<string | null>(null);
  const [printNote, setPrintNote] = useState<string | null>(null);
  const [lastReceiptId, setLastReceiptId] = useState<string | null>(null);
  const accountRef = useRef<HTMLInputElement>(null);
  const lookupSeq = useRef(0);
  const posting = useRef(false);
  const { drawer, level: cashLimit } = useDrawer(config.stationId, user.name, profile.drawer);
  const [locked, unlock] = useIdleLock(profile.drawer.idleLockMinutes);

  // The payment being typed goes to disk as it changes (renderer/src/db/drafts.ts): a crash or reload
  // loses nothing the cashier has in hand. `typed` is the newest copy, for coming back from F10.
  const keeper = useMemo(
    () =>
      createDraftKeeper(
        { save: (d) => saveDraft(db, d), discard: (id) => discardDraft(db, config.stationId, user.name, id) },
        (e) => console.warn('[draft] the payment in progress could not be kept on disk', e),
      ),
    [db, config.stationId, user.name],
  );
  const typed = useRef<{ paymentId: string; values: TransactionDraft; language: Language } | null>(null);
  /** The cashier has moved on from the payment in hand (posted, or not wanted): its draft goes. */
  const closeDraft = useCallback(() => {
    if (typed.current) void keeper.close(typed.current.paymentId);
    typed.current = null;
  }, [keeper]);
  // A payment in progress that the last run of the counter left unposted, offered back once.
  const [unfinished, setUnfinished] = useState<LoadedDraft>(null);
  useEffect(() => {
    let live = true;
    loadDraft(db, config.stationId, user.name)
      .then((d) => live && setUnfinished(d))
      .catch((e: unknown) => live && setUnfinished({ unreadable: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, [db, config.stationId, user.name]);

  const signOut = useCallback(() => {
    closeDraft();
    onSignOut();
  }, [closeDraft, onSignOut]);

  const newCustomer = useCallback(() => {
    closeDraft();
    setPhase({ kind: 'lookup' });
    setEntry('');
    setAdding(false);
    setLookupError(null);
    setPostError(null);
    setPrintNote(null);
    accountRef.current?.focus();
  }, [closeDraft]);

  const resumeDraft = useCallback(() => {
    if (!unfinished || !('draft' in unfinished)) return;
    const d = unfinished.draft;
    setUnfinished(null);
    setPhase({
      kind: 'pay',
      found: d.accounts.map((account) => ({ account, source: 'cache', asOf: d.savedAt })),
      paymentId: d.paymentId,
      amountDue: d.amountDue,
      startedAt: d.startedAt,
      restore: { values: d.values, language: d.receiptLanguage },
    });
  }, [unfinished]);
  const dropUnfinished = useCallback(() => {
    if (unfinished && 'draft' in unfinished) void keeper.close(unfinished.draft.paymentId);
    else if (unfinished) void discardDraft(db, config.stationId, user.name, null);
    setUnfinished(null);
    accountRef.current?.focus();
  }, [unfinished, keeper, db, config.stationId, user.name]);

  const lookUp = async () => {
    const parsed = parseAccountEntry(entry, profile.accountNumber);
    if (!parsed.ok) {
      setLookupError(parsed.message);
      return;
    }
    const seq = ++lookupSeq.current;
    const addToTransaction = adding && phase.kind === 'pay';
    setLookupError(null);
    setBusy(true);
    const amountDue = parsed.kind === 'scan' ? parsed.amountDue : null;
    let shown = false;
    const show = (found: Found) => {
      if (seq !== lookupSeq.current) return;
      // The first answer (cache or central) ends the look-up; a later fresher copy only refreshes the panel.
      if (!shown) {
        shown = true;
        setAdding(false);
        setEntry('');
      }
      setPhase((p) => {
        if (p.kind === 'pay' && p.found.some((f) => f.account.number === found.account.number)) {
          return { ...p, found: p.found.map((f) => (f.account.number === found.account.number ? found : f)) };
        }
        if (p.kind === 'pay' && addToTransaction) return { ...p, found: [...p.found, found] };
        // A new payment's draft takes the place of one left from before the restart.
        setUnfinished(null);
        // The payment's id is made here, once, when the cashier starts it; every resend carries it.
        return { kind: 'pay', found: [found], paymentId: uuidv7(), amountDue, startedAt: new Date().toISOString() };
      });
    };
    try {
      const cached = await fromCache(db, profile, parsed.account);
      if (cached) show(cached);
      try {
        const fresh = await fromCentral(db, station.client, profile, parsed.account);
        if (fresh) show(fresh);
        else if (seq === lookupSeq.current) {
          if (!addToTransaction) setPhase({ kind: 'lookup' });
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
    // Never rejects: a failure of any kind is a result the screen shows, and the payment stands.
    async (e: PaymentEntry, copyLabel: CopyLabel, openDrawer: boolean): Promise<PrintResult> => {
      try {
        const items = receiptPrintData({
          payment: e.payment,
          profile,
          stationName: config.stationName,
          accounts: e.accounts,
          // Central's answer is written on the journal entry in the transaction that marks it sent.
          synced: e.central !== undefined,
          paperWidth: config.paperWidth,
          copyLabel,
          language: e.receiptLanguage ?? 'en',
          timeZone: profile.center.timeZone,
        });
        return await station.host.print({ items, paperWidth: config.paperWidth, openDrawer, copies: 1 });
      } catch (error) {
        return { ok: false, canRetry: true, reason: String(error) };
      }
    },
    [profile, config, station.host],
  );

  /** Reprints one receipt of the station's journal: one copy, marked "Reprint", never kicking the drawer. */
  const reprintEntry = useCallback(
    async (id: string) => {
      const e = await journalEntry(db, id);
      if (e?.kind !== 'payment') return;
      setPhase({ kind: 'receipt', entryId: e.id });
      const r = await print(e, 'Reprint', false);
      setPrintNote(r.ok ? null : `Receipt not printed: ${reasonClause(r.reason)}. The payment is recorded; press F12 to reprint.`);
    },
    [db, print],
  );

  const post = async (judged: Judged, found: Found[], paymentId: string, receiptLanguage: Language, approverPin: string) => {
    // One post per draft, whatever the key repeat: the id is committed once.
    if (posting.current) return;
    posting.current = true;
    try {
      setPostError(null);
      let approvedBy: string | undefined;
      if (judged.approver !== null) {
        const a = await approve(db, judged.approver, approverPin, {
          for: user.name,
          role: 'supervisor',
          field: 'Supervisor',
          pinField: 'Supervisor PIN',
          what: 'a cashier cannot approve their own payment',
          policy: profile.drawer.pinLockout,
          stationId: config.stationId,
        });
        if (!a.ok) {
          setPostError(a.message);
          return;
        }
        approvedBy = a.approval.name;
      }
      // Read now, not from the screen's copy: the payment goes into the drawer open at this moment.
      const open = await currentDrawer(db, config.stationId, user.name);
      const payment: Payment = {
        id: paymentId,
        utility: profile.id,
        stationId: config.stationId,
        cashier: user.name,
        drawerSessionId: open?.id ?? null,
        takenAt: new Date().toISOString(),
        lines: judged.lines,
        tenders: judged.tenders,
        total: judged.total,
        tendered: judged.tendered,
        change: judged.change,
        memo: judged.memo,
        ...(approvedBy !== undefined ? { approvedBy } : {}),
      };
      const accounts: Record<string, Account> = Object.fromEntries(found.map((f) => [f.account.number, f.account]));
      let committed: PaymentEntry;
      try {
        committed = await commitDrawerPayment(db, payment, accounts, profile.drawer, { receiptLanguage });
      } catch (e) {
        setPostError(
          e instanceof DrawerRefused ? e.message : `Post payment: the payment was not recorded (${e instanceof Error ? e.message : String(e)}); nothing was saved, try again`,
        );
        return;
      }
      // The commit deleted the draft; no later write may bring it back.
      closeDraft();
      // Shown only after the commit completed: a receipt on screen stands for a stored payment.
      setPhase({ kind: 'receipt', entryId: committed.id });
      setLastReceiptId(committed.id);
      setEntry('');
      station.runner.kick();
      accountRef.current?.focus();
      // A print failure never undoes a payment: it waits for a reprint. The drawer opens only for cash.
      setPrintNote(null);
      for (const copy of postedPaymentCopies(payment, profile, config)) {
        const r = await print(committed, copy.copyLabel, copy.openDrawer);
        if (!r.ok) {
          const what = copy.copyLabel === 'Drawer copy' ? 'Drawer copy' : 'Receipt';
          setPrintNote(`${what} not printed: ${reasonClause(r.reason)}. The payment is recorded; press F12 to reprint.`);
          break;
        }
      }
    } finally {
      posting.current = false;
    }
  };

  const voidItems = (v: VoidEntry, original: PaymentEntry) =>
    voidSlipPrintData({ void: v.void, payment: original.payment, profile, stationName: config.stationName, paperWidth: config.paperWidth, timeZone: profile.center.timeZone });

  const showVoided = async (v: VoidEntry) => {
    const original = await journalEntry(db, v.voidsPaymentId);
    if (original?.kind !== 'payment') return;
    setPhase({ kind: 'voided', entry: v, original });
    const r = await station.host.print({ items: voidItems(v, original), paperWidth: config.paperWidth, openDrawer: false, copies: 1 });
    setPrintNote(r.ok ? null : `Void slip not printed: ${reasonClause(r.reason)}. The void is recorded.`);
  };

  const stubItems = useCallback(
    (a: Account) =>
      billStubPrintData({ account: a, profile, amountDue: money(a.balance).greaterThan(0) ? a.balance : ('0.00' as Account['balance']), dueDate: a.dueDate, paperWidth: config.paperWidth }),
    [profile, config.paperWidth],
  );

  /** A bill stub for a customer who came without one: printed, and previewed on screen. */
  const printStub = useCallback(
    async (a: Account) => {
      setPhase({ kind: 'stub', account: a });
      const r = await station.host.print({ items: stubItems(a), paperWidth: config.paperWidth, openDrawer: false, copies: 1 });
      setPrintNote(r.ok ? null : `Bill stub not printed: ${reasonClause(r.reason)}.`);
    },
    [station.host, config.paperWidth, stubItems],
  );

  const reprint = useCallback(async () => {
    if (lastReceiptId) await reprintEntry(lastReceiptId);
  }, [lastReceiptId, reprintEntry]);

  /** F10: the drawer screen. A payment in hand is kept, and comes back on Escape. */
  const openDrawerScreen = useCallback(() => {
    setPhase((p) => {
      if (p.kind === 'drawer') return p;
      if (p.kind !== 'pay') return { kind: 'drawer', held: null };
      const now = typed.current?.paymentId === p.paymentId ? typed.current : null;
      return { kind: 'drawer', held: now ? { ...p, restore: { values: now.values, language: now.language } } : p };
    });
  }, []);
  const leaveDrawerScreen = useCallback(() => {
    if (phase.kind === 'drawer' && phase.held) setPhase(phase.held);
    else newCustomer();
  }, [phase, newCustomer]);

  const startAdding = useCallback(() => {
    setAdding(true);
    setEntry('');
    setLookupError(null);
    accountRef.current?.focus();
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (locked) return;
      const target = e.target as HTMLElement | null;
      const inField = !!target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
      // Function keys are the counter's: never the browser's (F5 would reload, F3 find, F7 caret browsing).
      if (/^F([1-9]|1[0-2])$/.test(e.key)) e.preventDefault();
      if (e.key === 'F2') {
        e.preventDefault();
        newCustomer();
      } else if (e.key === 'F12' && e.shiftKey) {
        e.preventDefault();
        setPhase({ kind: 'receipts' });
      } else if (e.key === 'F12') {
        e.preventDefault();
        void reprint();
      } else if (e.key === 'F8') {
        e.preventDefault();
        setPhase({ kind: 'void' });
      } else if (e.key === 'F3' && phase.kind === 'pay') {
        e.preventDefault();
        startAdding();
      } else if (e.key === 'F4' && phase.kind === 'pay' && phase.found[0]) {
        e.preventDefault();
        void printStub(phase.found[0].account);
      } else if (e.key === 'F11') {
        e.preventDefault();
        setPhase({ kind: 'sync' });
      } else if (e.key === 'F10') {
        e.preventDefault();
        openDrawerScreen();
      } else if (e.key === 'Escape' && phase.kind === 'drawer') {
        e.preventDefault();
        leaveDrawerScreen();
      } else if (e.key === 'Escape' && (phase.kind === 'void' || phase.kind === 'voided' || phase.kind === 'sync' || phase.kind === 'stub' || phase.kind === 'receipts')) {
        e.preventDefault();
        newCustomer();
      } else if (/^[0-9]$/.test(e.key) && !e.ctrlKey && !e.altKey && !e.metaKey && !inField) {
        // A scanner types at any moment: a digit typed outside a field goes to Account number.
        accountRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [newCustomer, reprint, startAdding, printStub, phase, locked, openDrawerScreen, leaveDrawerScreen]);

  useEffect(() => accountRef.current?.focus(), []);

  const receiptEntry = useLive(
    async () => {
      if (phase.kind !== 'receipt') return undefined;
      const e = await journalEntry(db, phase.entryId);
      return e?.kind === 'payment' ? e : undefined;
    },
    [phase],
    undefined,
  );

  return (
    <div className="counter">
      <StatusBar
        title={`${profile.shortName} · ${profile.center.name} · ${config.stationName}`}
        who={`${user.role === 'supervisor' ? 'Supervisor' : 'Cashier'}: ${user.name} · ${drawerStatus(drawer, profile.center.timeZone)}`}
        runner={station.runner}
        storagePersisted={station.storagePersisted}
        tokenAtRest={station.tokenAtRest}
        timeZone={profile.center.timeZone}
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
              {adding ? 'adding another account: scan or type, Enter' : 'scan or type, Enter'}
            </span>
            <button type="submit" disabled={busy}>
              Look up
            </button>
            {phase.kind === 'pay' && (
              <>
                <button type="button" onClick={startAdding} aria-keyshortcuts="F3">
                  Add account <kbd aria-hidden="true">F3</kbd>
                </button>
                <button type="button" onClick={() => phase.found[0] && void printStub(phase.found[0].account)} aria-keyshortcuts="F4">
                  Bill stub <kbd aria-hidden="true">F4</kbd>
                </button>
              </>
            )}
          </div>
          {lookupError && (
            <p id="account-number-error" role="alert" className="error">
              {lookupError}
            </p>
          )}
        </form>
        {drawer === null && user.role === 'cashier' && (
          <p className="alert-text warn" aria-live="polite">
            ▲ No drawer is open for {user.name}: a supervisor opens it (F10). Payments cannot be posted until then.
          </p>
        )}
        {drawer?.state === 'counted' && (
          <p className="alert-text warn" aria-live="polite">
            ▲ Your drawer is counted for the close and takes no more payments: a supervisor signs it off (F10).
          </p>
        )}
        {cashLimit.level === 'warn' && (
          <p className="alert-text warn" aria-live="polite">
            ▲ {cashLimit.message}
          </p>
        )}
        {cashLimit.level === 'block' && (
          <p className="alert-text stop" role="alert">
            ■ {cashLimit.message}
          </p>
        )}
      </div>
      <main className="work">
        {phase.kind === 'pay' && (
          <>
            <div className="accounts">
              {phase.found.map((f) => (
                <AccountPanel key={f.account.number} found={f} profile={profile} />
              ))}
            </div>
            {phase.found.some((f) => f.account.status === 'closed') ? (
              <section className="panel" aria-label="Payment">
                <p role="alert" className="error">
                  Account number: this account is closed; payments are not taken for it. Press F2 for the next customer.
                </p>
              </section>
            ) : (
              <TransactionForm
                key={phase.paymentId}
                profile={profile}
                restore={phase.restore}
                onChange={(values, language) => {
                  typed.current = { paymentId: phase.paymentId, values, language };
                  keeper.keep({
                    paymentId: phase.paymentId,
                    stationId: config.stationId,
                    cashier: user.name,
                    startedAt: phase.startedAt,
                    savedAt: new Date().toISOString(),
                    accounts: phase.found.map((f) => f.account),
                    amountDue: phase.amountDue,
                    values,
                    receiptLanguage: language,
                  });
                }}
                accounts={phase.found.map((f) => f.account)}
                firstAmount={phase.restore?.values.lines[0]?.amount ?? phase.amountDue ?? (phase.found[0] && money(phase.found[0].account.balance).greaterThan(0) ? phase.found[0].account.balance : '')}
                postError={postError}
                onPost={(judged, language, approverPin) => post(judged, phase.found, phase.paymentId, language, approverPin)}
              />
            )}
          </>
        )}
        {phase.kind === 'receipt' && receiptEntry && (
          <section className="panel receipt" aria-label="Receipt">
            <h2>Payment posted</h2>
            <p className="change money big">Change due {formatMoney(receiptEntry.payment.change)}</p>
            {receiptEntry.central?.held !== undefined && (
              // Taken and stored at central, not applied to the account: the back office follows up.
              <p className="alert-text warn">Held at central: {receiptEntry.central.held}</p>
            )}
            {receiptEntry.payment.lines.map((l) => {
              const a = receiptEntry.accounts[l.accountNumber];
              const need = a ? restorationNeed(a, profile) : null;
              if (!need) return null;
              const met = money(l.amount).greaterThanOrEqualTo(money(need.amount));
              return (
                <p key={l.accountNumber} className={`alert-text ${met ? 'ok' : 'warn'}`}>
                  {met ? 'Restoration: this payment meets what it takes to restore service' : 'Restoration: this payment does not yet meet it'}: {describeRestoration(need)}.
                </p>
              );
            })}
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
                synced: receiptEntry.central !== undefined,
                paperWidth: config.paperWidth,
                language: receiptEntry.receiptLanguage ?? 'en',
                timeZone: profile.center.timeZone,
              })}
            />
            <div className="actions">
              <button type="button" onClick={newCustomer}>
                New customer <kbd aria-hidden="true">F2</kbd>
              </button>
              <button type="button" onClick={() => void reprintEntry(receiptEntry.id)}>
                Reprint <kbd aria-hidden="true">F12</kbd>
              </button>
            </div>
          </section>
        )}
        {phase.kind === 'void' && <VoidPanel station={station} user={user} onVoided={(v) => void showVoided(v)} onCancel={newCustomer} />}
        {phase.kind === 'stub' && (
          <section className="panel wide" aria-label="Bill stub">
            <h2>Bill stub</h2>
            <ReceiptView paperWidth={config.paperWidth} items={stubItems(phase.account)} />
            <button type="button" onClick={newCustomer}>
              New customer <kbd aria-hidden="true">F2</kbd>
            </button>
          </section>
        )}
        {phase.kind === 'sync' && <SyncPanel runner={station.runner} profile={profile} onClose={newCustomer} />}
        {phase.kind === 'receipts' && <ReceiptsToday station={station} onReprint={(id) => void reprintEntry(id)} onClose={newCustomer} />}
        {phase.kind === 'drawer' && <DrawerPanel station={station} user={user} paymentInHand={phase.held !== null} onClose={leaveDrawerScreen} />}
        {phase.kind === 'voided' && (
          <section className="panel receipt" aria-label="Void slip">
            <h2>Payment voided</h2>
            <p>
              Reason: {phase.entry.void.reason} · cashier {phase.entry.void.cashier}, approved by {phase.entry.void.approvedBy}
            </p>
            {printNote && (
              <p role="alert" className="error">
                {printNote}
              </p>
            )}
            <ReceiptView paperWidth={config.paperWidth} items={voidItems(phase.entry, phase.original)} />
            <div className="actions">
              <button type="button" onClick={newCustomer}>
                New customer <kbd aria-hidden="true">F2</kbd>
              </button>
            </div>
          </section>
        )}
        {phase.kind === 'lookup' && unfinished && <UnfinishedPayment unfinished={unfinished} profile={profile} onResume={resumeDraft} onDiscard={dropUnfinished} />}
        {phase.kind === 'lookup' && (
          <section className="panel wide" aria-label="Next customer">
            <p className="muted">Scan the bill stub or type the account number, then press Enter.</p>
          </section>
        )}
      </main>
      <footer className="keys">
        <span>F1 all keys · F2 new customer · F9 post · F12 reprint</span>
        <span className="row">
          <button type="button" onClick={openDrawerScreen} aria-keyshortcuts="F10">
            Drawer <kbd aria-hidden="true">F10</kbd>
          </button>
          <button type="button" onClick={() => setPhase({ kind: 'receipts' })} aria-keyshortcuts="Shift+F12">
            Receipts <kbd aria-hidden="true">Shift+F12</kbd>
          </button>
          <button type="button" onClick={() => setPhase({ kind: 'sync' })} aria-keyshortcuts="F11">
            Sync <kbd aria-hidden="true">F11</kbd>
          </button>
          <button type="button" onClick={() => setPhase({ kind: 'void' })} aria-keyshortcuts="F8">
            Void <kbd aria-hidden="true">F8</kbd>
          </button>
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </span>
      </footer>
      {locked && <LockScreen station={station} user={user} onUnlock={unlock} onSignOut={signOut} />}
    </div>
  );
}
