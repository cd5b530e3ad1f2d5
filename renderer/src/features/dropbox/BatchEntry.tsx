/**
 * Entering an open batch at scanner speed. The stub's scan line arrives as a fast burst of keys ending in
 * Enter (a keyboard-wedge scanner) in `Scan or account number`: it fills the account and the amount due,
 * and focus moves to `Check amount`; Enter moves to `Check number`; Enter adds the check, and focus is
 * back in the scan field before the write has even finished. A typed account number works the same way.
 *
 * Keys: Enter forward, Escape clears the check in hand, F4 a check with no account (exception),
 * F9 close the batch. A digit typed outside a field goes to the scan field.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { Account } from '../../../../shared/accounts/account';
import { formatAccountNumber } from '../../../../shared/accounts/account-number';
import { uuidv7 } from '../../../../shared/ids';
import { formatMoney, type MoneyString } from '../../../../shared/money/money';
import { approvalSchema, batchFigures, type Approval, type DropBoxItem, type UnnumberedItem } from '../../../../shared/dropbox/batch';
import {
  amountDueFor,
  duplicateCheck,
  duplicateStub,
  judgeItem,
  LABEL,
  readScanField,
  type EntryTarget,
  type ItemField,
} from '../../../../shared/dropbox/entry';
import { addItem, BatchRefused, closeBatch, removeItem, type DropBoxBatchEntry, type StoredBatch, type StoredItem } from '../../db/dropbox';
import { counterDb } from '../../db/schema';
import { checkPin } from '../../db/users';
import { fromCache, fromCentral } from '../lookup/lookup';
import type { Station } from '../../app/App';
import type { SignedInUser } from '../signin/SignIn';
import { BatchFigures } from './BatchFigures';
import { flagOf, ItemList } from './ItemList';

type Target =
  | { kind: 'none' }
  | { kind: 'looking'; account: string; entry: 'scan' | 'typed'; amountDue: MoneyString | null }
  | { kind: 'account'; account: Account; entry: 'scan' | 'typed'; amountDue: MoneyString | null }
  | { kind: 'exception'; accountNumber: string | null; why: string };

type Pending = { kind: 'dupStub' | 'dupCheck' | 'setAside'; key: string; message: string };
type Field = 'scan' | ItemField;
type Draft = UnnumberedItem;

const EMPTY_ROW = { scan: '', amount: '', checkNumber: '', payerName: '', note: '' };

export function BatchEntry({
  station,
  user,
  batch,
  initialItems,
  onClosed,
}: {
  station: Station;
  user: SignedInUser;
  batch: StoredBatch;
  initialItems: StoredItem[];
  onClosed: (entry: DropBoxBatchEntry) => void;
}) {
  const { profile } = station;
  const db = counterDb();
  const [items, setItems] = useState<StoredItem[]>(initialItems);
  const [row, setRow] = useState(EMPTY_ROW);
  const [target, setTarget] = useState<Target>({ kind: 'none' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [pending, setPending] = useState<Pending | null>(null);
  const [lastAdded, setLastAdded] = useState<string | null>(null);
  const [writeError, setWriteError] = useState<string | null>(null);
  const [closing, setClosing] = useState(false);
  const [approval, setApproval] = useState({ supervisor: '', pin: '', note: '' });
  const [closeError, setCloseError] = useState<string | null>(null);
  const [busyClose, setBusyClose] = useState(false);

  const inputs = useRef<Partial<Record<Field, HTMLInputElement | null>>>({});
  const supervisorRef = useRef<HTMLInputElement>(null);
  const lookupSeq = useRef(0);
  const lookup = useRef<Promise<Target> | null>(null);
  // Checks are written one after another; the clerk never waits for a write to scan the next stub.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const inFlight = useRef<Draft[]>([]);
  const adding = useRef(false);
  const closeInFlight = useRef(false);

  const figures = useMemo(() => batchFigures(batch, items), [batch, items]);
  const exceptions = useMemo(() => items.filter((i) => i.kind !== 'applied'), [items]);
  // A field that is not on screen yet (Payer name appears once the look-up says "no account") takes the
  // focus when it is rendered: the look-up may answer just before React has drawn its answer.
  const wantFocus = useRef<Field | null>(null);
  const focus = (f: Field) => {
    const el = inputs.current[f];
    wantFocus.current = el ? null : f;
    el?.focus();
  };
  useLayoutEffect(() => {
    const f = wantFocus.current;
    const el = f ? inputs.current[f] : null;
    if (el) {
      wantFocus.current = null;
      el.focus();
    }
  });
  const shown = (n: string) => formatAccountNumber(n, profile.accountNumber);
  /** What is in the batch, including checks still being written, for the duplicate warnings. */
  const allItems = (): DropBoxItem[] => {
    const lastN = items.at(-1)?.n ?? 0;
    return [...items, ...inFlight.current.map((d, k) => ({ ...d, n: lastN + k + 1 }) as DropBoxItem)];
  };

  const clearRow = useCallback(() => {
    lookupSeq.current++;
    setRow(EMPTY_ROW);
    setTarget({ kind: 'none' });
    setErrors({});
    setPending(null);
    inputs.current.scan?.focus();
  }, []);

  /** The account from the station's cache (it answers at once), else from central; no account → an exception. */
  const resolve = async (number: string, entry: 'scan' | 'typed', scanned: MoneyString | null): Promise<Target> => {
    const cached = await fromCache(db, profile, number);
    if (cached) return { kind: 'account', account: cached.account, entry, amountDue: amountDueFor(cached.account, scanned) };
    try {
      const fresh = await fromCentral(db, station.client, profile, number);
      if (fresh) return { kind: 'account', account: fresh.account, entry, amountDue: amountDueFor(fresh.account, scanned) };
      return { kind: 'exception', accountNumber: number, why: `no account ${shown(number)} at ${profile.shortName}` };
    } catch {
      return { kind: 'exception', accountNumber: number, why: `${shown(number)} is not in this station's cache and central cannot be reached` };
    }
  };

  /** Starts a check for what the scan field read; focus moves on at once, the look-up finishes meanwhile. */
  const start = (read: { account: string; kind: 'scan' | 'account'; amountDue?: MoneyString }) => {
    const entry = read.kind === 'scan' ? 'scan' : 'typed';
    const scanned = read.kind === 'scan' ? (read.amountDue ?? null) : null;
    const seq = ++lookupSeq.current;
    setRow(EMPTY_ROW);
    setErrors({});
    setPending(null);
    setTarget({ kind: 'looking', account: read.account, entry, amountDue: scanned });
    focus('amount');
    lookup.current = resolve(read.account, entry, scanned).then((t) => {
      if (seq === lookupSeq.current) {
        setTarget(t);
        if (t.kind === 'exception') setRow((r) => ({ ...r, note: r.note || `${t.why.charAt(0).toUpperCase()}${t.why.slice(1)}` }));
      }
      return t;
    });
  };

  const onScanEnter = () => {
    const raw = row.scan.trim();
    const read = readScanField(raw, profile);
    if (!read.ok) {
      setPending(null);
      setErrors({ scan: read.message });
      return;
    }
    const confirmed = pending?.kind === 'dupStub' && pending.key === raw;
    if (read.kind === 'scan' && !confirmed) {
      const dup = duplicateStub(allItems(), read.account, read.amountDue, profile);
      if (dup) {
        setErrors({});
        setPending({ kind: 'dupStub', key: raw, message: dup });
        return;
      }
    }
    start(read);
  };

  /** A scan burst that landed in an amount or number field: the stub of the next check. */
  const rescan = (field: Field, value: string): boolean => {
    const digits = profile.accountNumber.digits + 10;
    if (!/^[0-9]+$/.test(value.trim()) || value.trim().length !== digits) return false;
    const read = readScanField(value, profile);
    if (!read.ok) {
      setErrors({ [field]: `${LABEL[field as ItemField]}: that was a stub scan failing its check digit; clear it and scan the stub again` });
      return true;
    }
    if (read.kind !== 'scan') return false;
    if (target.kind === 'account' || target.kind === 'looking') {
      const was = target.kind === 'account' ? target.account.number : target.account;
      setLastAdded(`Not added: the check for ${shown(was)} was left when the next stub was scanned`);
    }
    const dup = duplicateStub(allItems(), read.account, read.amountDue, profile);
    if (dup) {
      setTarget({ kind: 'none' });
      setRow({ ...EMPTY_ROW, scan: value.trim() });
      setPending({ kind: 'dupStub', key: value.trim(), message: dup });
      focus('scan');
      return true;
    }
    start(read);
    return true;
  };

  const enqueue = (draft: Draft, description: string) => {
    inFlight.current.push(draft);
    queue.current = queue.current.then(async () => {
      try {
        const stored = await addItem(db, batch.id, draft);
        setItems((xs) => [...xs, stored]);
        setLastAdded(`Added item ${stored.n}: ${description}`);
      } catch (e) {
        setWriteError(
          `Check not added: ${description} (${e instanceof BatchRefused ? e.message : e instanceof Error ? e.message : String(e)}); nothing was saved, enter it again`,
        );
      } finally {
        inFlight.current = inFlight.current.filter((d) => d !== draft);
      }
    });
  };

  const add = async () => {
    if (adding.current) return;
    let t = target;
    if (t.kind === 'none') {
      setErrors({ scan: `${LABEL.scan}: scan the stub or type the account number first (F4 for a check with no account)` });
      focus('scan');
      return;
    }
    if (t.kind === 'looking') {
      adding.current = true;
      try {
        t = (await lookup.current) ?? t;
      } finally {
        adding.current = false;
      }
      if (t.kind === 'looking' || t.kind === 'none') return;
      // No account after all: the clerk has the payer's name and a note to give first.
      if (t.kind === 'exception') return focus('payerName');
    }
    const et: EntryTarget = t.kind === 'account' ? { kind: 'account', account: t.account, entry: t.entry, amountDue: t.amountDue } : { kind: 'exception', accountNumber: t.accountNumber };
    const draft = { amount: row.amount, checkNumber: row.checkNumber, payerName: row.payerName, note: row.note };
    const judged = judgeItem(et, draft, profile);
    if (!judged.ok) {
      setPending(null);
      setErrors(Object.fromEntries(judged.errors.map((e) => [e.field, e.message])));
      const first = judged.errors[0];
      if (first) focus(first.field);
      return;
    }
    setErrors({});
    const key = JSON.stringify([et.kind === 'account' ? et.account.number : et.accountNumber, draft]);
    if (judged.setAside && !(pending?.kind === 'setAside' && pending.key === key)) {
      setPending({ kind: 'setAside', key, message: `Set aside: ${judged.setAside}. Press Enter again to keep this check in the batch as set aside (not applied), or correct it.` });
      return;
    }
    if (!(pending?.kind === 'dupCheck' && pending.key === key)) {
      const dup = duplicateCheck(allItems(), judged.item.accountNumber, judged.item.checkNumber, profile);
      if (dup) {
        setPending({ kind: 'dupCheck', key, message: dup });
        return;
      }
    }
    const item: Draft = { ...judged.item, id: uuidv7(), enteredAt: new Date().toISOString() } as Draft;
    const who = t.kind === 'account' ? `${shown(t.account.number)} ${t.account.name}` : `exception, ${judged.item.kind === 'exception' ? judged.item.payerName : ''}`;
    const flag = flagOf({ ...item, n: 0 } as DropBoxItem);
    enqueue(item, `${who}, check ${item.checkNumber}, ${formatMoney(item.amount)} (${flag.word.toLowerCase()})`);
    clearRow();
  };

  const onFieldKey = (field: Field) => (e: ReactKeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const value = e.currentTarget.value;
    if (field === 'scan') return onScanEnter();
    if ((field === 'amount' || field === 'checkNumber') && rescan(field, value)) return;
    if (field === 'amount') return focus('checkNumber');
    if (field === 'checkNumber' && target.kind === 'exception' && row.payerName.trim() === '') return focus('payerName');
    if (field === 'payerName') return focus('note');
    void add();
  };

  const exceptionWithoutAccount = useCallback(() => {
    lookupSeq.current++;
    setRow((r) => ({ ...EMPTY_ROW, amount: r.amount, checkNumber: r.checkNumber, note: 'No stub and no account number on the check' }));
    setErrors({});
    setPending(null);
    setTarget({ kind: 'exception', accountNumber: null, why: 'no stub and no account number' });
    inputs.current.amount?.focus();
  }, []);

  const close = async (approved: Approval | null) => {
    // One close per batch, whatever the key repeat.
    if (closeInFlight.current) return;
    closeInFlight.current = true;
    setBusyClose(true);
    setCloseError(null);
    try {
      await queue.current;
      const entry = await closeBatch(db, batch.id, profile, { approval: approved });
      station.runner.kick();
      onClosed(entry);
    } catch (e) {
      setCloseError(e instanceof BatchRefused ? e.message : `Close batch: not closed (${e instanceof Error ? e.message : String(e)}); nothing was recorded`);
    } finally {
      closeInFlight.current = false;
      setBusyClose(false);
    }
  };

  const askClose = useCallback(async () => {
    await queue.current;
    setCloseError(null);
    setClosing(true);
  }, []);

  const approveAndClose = async () => {
    setCloseError(null);
    const note = approvalSchema.shape.note.safeParse(approval.note);
    if (!note.success) return setCloseError(note.error.issues[0]?.message ?? 'Note: say why');
    const who = approval.supervisor.trim().toLowerCase();
    if (who === '') return setCloseError('Supervisor: enter the supervisor’s user name');
    if (who === user.name.toLowerCase()) return setCloseError('Supervisor: the clerk cannot approve their own batch; call a supervisor');
    setBusyClose(true);
    try {
      const approver = await checkPin(db, who, approval.pin, profile.drawer.pinLockout);
      if (!approver || approver.role !== 'supervisor') {
        setCloseError('Supervisor PIN: not a supervisor, or the PIN is not right; the batch stays open');
        return;
      }
      await close({ by: approver.name, note: note.data });
    } finally {
      setBusyClose(false);
    }
  };

  const remove = async (item: DropBoxItem) => {
    try {
      await queue.current;
      await removeItem(db, batch.id, item.id);
      setItems((xs) => xs.filter((x) => x.id !== item.id));
      setLastAdded(`Removed item ${item.n} (${formatMoney(item.amount)})`);
    } catch (e) {
      setWriteError(e instanceof BatchRefused ? e.message : `Remove: not removed (${e instanceof Error ? e.message : String(e)})`);
    }
    inputs.current.scan?.focus();
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      const inField = !!el && ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
      // Function keys are the screen's, never the browser's (F5 would reload).
      if (/^F([1-9]|1[0-2])$/.test(e.key)) e.preventDefault();
      if (e.key === 'F4' && !closing) exceptionWithoutAccount();
      else if (e.key === 'F9' && !closing && !busyClose) void (figures.balanced ? close(null) : askClose());
      else if (e.key === 'Escape') {
        if (closing) {
          setClosing(false);
          inputs.current.scan?.focus();
        } else {
          setWriteError(null);
          clearRow();
        }
      } else if (/^[0-9]$/.test(e.key) && !e.ctrlKey && !e.altKey && !e.metaKey && !inField && !closing) {
        // A scanner types at any moment: a digit typed outside a field goes to the scan field.
        inputs.current.scan?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  useEffect(() => {
    if (closing) supervisorRef.current?.focus();
  }, [closing]);
  useEffect(() => inputs.current.scan?.focus(), []);

  const field = (name: Field, props: { className?: string; inputMode?: 'numeric' | 'decimal'; hint?: string } = {}) => (
    <div className={`field entry-${name}`}>
      <label htmlFor={`dropbox-${name}`}>{LABEL[name]}</label>
      <input
        id={`dropbox-${name}`}
        ref={(el) => {
          inputs.current[name] = el;
        }}
        value={row[name]}
        onChange={(e) => {
          const v = e.target.value;
          setRow((r) => ({ ...r, [name]: v }));
        }}
        onKeyDown={onFieldKey(name)}
        autoComplete="off"
        spellCheck={false}
        inputMode={props.inputMode}
        className={props.className}
        aria-invalid={!!errors[name]}
        aria-describedby={errors[name] ? `dropbox-${name}-error` : undefined}
        disabled={closing}
      />
    </div>
  );

  const targetLine = (() => {
    switch (target.kind) {
      case 'none':
        return <span className="muted">Scan the stub, or type the account number written on the check, then Enter. No stub and no number: F4.</span>;
      case 'looking':
        return <span>Looking up {shown(target.account)}…</span>;
      case 'account': {
        const a = target.account;
        return (
          <span>
            <strong className="mono">{shown(a.number)}</strong> {a.name}
            {' · '}
            {target.amountDue ? (
              <>
                Amount due <strong className="money">{formatMoney(target.amountDue)}</strong> ({target.entry === 'scan' ? 'stub' : 'balance'})
              </>
            ) : (
              'nothing owed'
            )}
            {a.status === 'closed' && <strong className="tone-stop"> · CLOSED: this check will be set aside</strong>}
          </span>
        );
      }
      case 'exception':
        return (
          <span>
            <strong className="tone-warn">EXCEPTION</strong> {target.why}: enter the payer&apos;s name and a note; it is kept in the batch, not applied.
          </span>
        );
    }
  })();

  const alerts = [
    ...(['scan', 'amount', 'checkNumber', 'payerName', 'note'] as Field[]).flatMap((f) => (errors[f] ? [{ id: `dropbox-${f}-error`, text: errors[f] }] : [])),
    ...(pending ? [{ id: 'dropbox-pending', text: pending.message }] : []),
    ...(writeError ? [{ id: 'dropbox-write-error', text: writeError }] : []),
  ];

  return (
    <div className="dropbox-body">
      <div className="batch-head">
        <div className="batch-meta">
          <h2>Drop-box batch</h2>
          <p>
            Box emptied <strong>{batch.retrievedAt.slice(11, 16)}</strong> by {batch.emptiedBy[0]} and {batch.emptiedBy[1]}
          </p>
          <p>
            Posting date <strong>{batch.retrievalDate}</strong> <span className="muted">(every check)</span>
          </p>
        </div>
        <BatchFigures figures={figures} control={batch}>
          <button
            type="button"
            className={figures.balanced ? 'primary close-button' : 'close-button'}
            onClick={() => void (figures.balanced ? close(null) : askClose())}
            disabled={busyClose || closing}
            aria-keyshortcuts="F9"
            aria-describedby="close-hint"
          >
            Close batch <kbd aria-hidden="true">F9</kbd>
          </button>
          <span id="close-hint" className="sr-only">
            {figures.balanced ? 'Balanced: closing prints the batch report and sends it to central.' : 'Out of balance: closing needs a supervisor and a note.'}
          </span>
        </BatchFigures>
      </div>

      {closing ? (
        <section className="panel close-panel" aria-label="Close out of balance">
          <h2>Close the batch out of balance</h2>
          <p className="alert-text warn">
            The batch does not balance. A supervisor may approve closing it with a note saying why; or press Escape and keep entering.
          </p>
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void approveAndClose();
            }}
          >
            <div className="row">
              <div className="field">
                <label htmlFor="close-supervisor">Supervisor</label>
                <input id="close-supervisor" ref={supervisorRef} value={approval.supervisor} onChange={(e) => setApproval((a) => ({ ...a, supervisor: e.target.value }))} autoComplete="off" />
              </div>
              <div className="field">
                <label htmlFor="close-pin">Supervisor PIN</label>
                <input id="close-pin" type="password" inputMode="numeric" value={approval.pin} onChange={(e) => setApproval((a) => ({ ...a, pin: e.target.value }))} autoComplete="off" />
              </div>
              <div className="field grow">
                <label htmlFor="close-note">Note</label>
                <input id="close-note" value={approval.note} onChange={(e) => setApproval((a) => ({ ...a, note: e.target.value }))} autoComplete="off" />
              </div>
            </div>
            {closeError && (
              <p role="alert" className="error">
                {closeError}
              </p>
            )}
            <div className="row">
              <button type="submit" className="primary" disabled={busyClose}>
                Approve and close
              </button>
              <button
                type="button"
                onClick={() => {
                  setClosing(false);
                  inputs.current.scan?.focus();
                }}
              >
                Keep entering <kbd aria-hidden="true">Esc</kbd>
              </button>
            </div>
          </form>
        </section>
      ) : (
        <section className="panel entry-panel" aria-label="Check entry">
          <form
            noValidate
            aria-label="Enter a check"
            onSubmit={(e) => {
              e.preventDefault();
              void add();
            }}
          >
            <div className="entry-row">
              {field('scan', { className: 'mono big-input' })}
              {field('amount', { className: 'money', inputMode: 'decimal' })}
              {field('checkNumber', { className: 'mono', inputMode: 'numeric' })}
              {target.kind === 'exception' && (
                <>
                  {field('payerName')}
                  {field('note')}
                </>
              )}
              <div className="entry-buttons">
                <button type="submit" className="primary">
                  Add check <kbd aria-hidden="true">Enter</kbd>
                </button>
                <button type="button" onClick={exceptionWithoutAccount} aria-keyshortcuts="F4">
                  No account <kbd aria-hidden="true">F4</kbd>
                </button>
              </div>

            </div>
            <p className="target-line">{targetLine}</p>
            {alerts.map((a) => (
              <p key={a.id} id={a.id} role="alert" className="error">
                {a.text}
              </p>
            ))}
            {closeError && (
              <p role="alert" className="error">
                {closeError}
              </p>
            )}
            {lastAdded && <p className="last-added">{lastAdded}</p>}
          </form>
        </section>
      )}

      <div className="lists">
        <section className="panel list-panel" aria-label="Checks in this batch">
          <h3>
            Checks <span className="muted">(newest first)</span>
          </h3>
          <ItemList label="Checks" items={items} profile={profile} onRemove={closing ? null : (i) => void remove(i)} empty="No checks yet: scan the first stub." />
        </section>
        <section className="panel list-panel apart" aria-label="Exceptions and set aside">
          <h3>
            Exceptions and set aside <span className="muted">(not applied)</span>
          </h3>
          <ItemList label="Exceptions and set aside" items={exceptions} profile={profile} onRemove={null} empty="None." variant="apart" />
        </section>
      </div>

    </div>
  );
}
