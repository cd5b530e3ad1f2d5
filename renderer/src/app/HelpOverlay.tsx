/** F1: the keyboard shortcuts, over whatever screen is open; Escape or F1 closes it. */
import { useEffect, useRef, useState } from 'react';

const KEYS: Array<[string, string]> = [
  ['Enter', 'Look up the account (in Account number); move on / post from a payment field'],
  ['F1', 'This help'],
  ['F2', 'New customer'],
  ['F3', 'Add another account to the payment'],
  ['F4', 'Print a bill stub for the account'],
  ['F5', 'Add a check'],
  ['F6', 'Add a money order'],
  ['F7', 'Add a card payment (the card is run on the terminal)'],
  ['F8', 'Void a payment (a supervisor approves)'],
  ['F9', 'Post payment'],
  ['F10', 'Drawers: open, drop, count and close, sign-off; supervisors: all drawers, deposit, end of day, journal'],
  ['F11', 'Sync status'],
  ['F12', 'Reprint the last receipt'],
  ['Shift+F12', "Today's receipts: reprint any of them"],
  ['Escape', 'Back out of a panel without losing the payment in hand'],
];

const DROPBOX_KEYS: Array<[string, string]> = [
  ['Enter', 'Add the check (from Check number); move on from a field'],
  ['F1', 'This help'],
  ['F2', 'New batch'],
  ['F4', 'No account: enter the check as an exception'],
  ['F9', 'Close the batch'],
  ['Escape', 'Clear a warning or the check in hand'],
];

/** `screen` picks the keys to list: the cashier's counter or the drop-box batch screen. */
export function HelpOverlay({ screen = 'counter' }: { screen?: 'counter' | 'dropbox' }) {
  const keys = screen === 'dropbox' ? DROPBOX_KEYS : KEYS;
  const [open, setOpen] = useState(false);
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F1') {
        e.preventDefault();
        setOpen((o) => !o);
      } else if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts">
      <div className="panel">
        <h2>Keyboard shortcuts</h2>
        <table className="keys-table">
          <tbody>
            {keys.map(([k, what]) => (
              <tr key={k}>
                <th scope="row">
                  <kbd>{k}</kbd>
                </th>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button ref={closeRef} type="button" onClick={() => setOpen(false)}>
          Close <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
    </div>
  );
}
