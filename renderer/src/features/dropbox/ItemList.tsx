/**
 * A batch's checks, newest first, windowed by hand: only the rows in view (and a few either side) are in
 * the page, so a batch of 1,000 or 2,000 checks scrolls and updates as quickly as one of ten. Rows have
 * one fixed height; the table says how many rows it has (aria-rowcount) and each row its place.
 */
import { useEffect, useRef, useState } from 'react';
import { formatAccountNumber } from '../../../../shared/accounts/account-number';
import { formatMoney } from '../../../../shared/money/money';
import type { UtilityProfile } from '../../../../shared/profiles';
import type { DropBoxItem } from '../../../../shared/dropbox/batch';

/** Must match `.item-row` in dropbox.css: one line, or two in the exceptions list (the payer and note, or the reason). */
export const ROW_PX = 40;
export const APART_ROW_PX = 56;
const OVERSCAN = 6;

export function flagOf(item: DropBoxItem): { word: string; tone: 'ok' | 'warn' | 'stop' | 'muted'; detail: string } {
  switch (item.kind) {
    case 'applied':
      if (item.match === 'partial') return { word: 'PARTIAL', tone: 'warn', detail: `${(item.amountDue ? formatMoney(item.amountDue) : 'nothing')} due` };
      if (item.match === 'over') return { word: 'OVER', tone: 'warn', detail: `${(item.amountDue ? formatMoney(item.amountDue) : 'nothing')} due` };
      if (item.match === 'exact') return { word: 'matches', tone: 'muted', detail: item.entry === 'scan' ? 'stub' : 'balance' };
      return { word: 'applied', tone: 'muted', detail: 'nothing owed' };
    case 'exception':
      return { word: 'EXCEPTION', tone: 'warn', detail: `${item.payerName}: ${item.note}` };
    case 'set_aside':
      return { word: 'SET ASIDE', tone: 'stop', detail: item.reason };
    default: {
      const never: never = item;
      throw new Error(`Unknown item ${JSON.stringify(never)}`);
    }
  }
}

type Props = {
  label: string;
  items: readonly DropBoxItem[];
  profile: UtilityProfile;
  /** Null when the batch is closed: no row can be removed. */
  onRemove: ((item: DropBoxItem) => void) | null;
  empty: string;
  /** 'apart': the exceptions and set-aside list, without check numbers, with room for the payer, note or reason. */
  variant?: 'all' | 'apart';
};

export function ItemList({ label, items, profile, onRemove, empty, variant = 'all' }: Props) {
  const all = variant === 'all';
  const rowPx = all ? ROW_PX : APART_ROW_PX;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || 400);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const total = items.length;
  const first = Math.max(0, Math.floor(scrollTop / rowPx) - OVERSCAN);
  const last = Math.min(total, Math.ceil((scrollTop + height) / rowPx) + OVERSCAN);
  const rows: DropBoxItem[] = [];
  // Newest first: row i shows items[total - 1 - i].
  for (let i = first; i < last; i++) {
    const item = items[total - 1 - i];
    if (item) rows.push(item);
  }

  return (
    <div className={`item-list ${variant}`} role="table" aria-label={label} aria-rowcount={total + 1}>
      <div className="item-row head" role="row" aria-rowindex={1}>
        <span role="columnheader">#</span>
        <span role="columnheader">Account</span>
        {all && <span role="columnheader">Check no.</span>}
        <span role="columnheader" className="money">
          Amount
        </span>
        <span role="columnheader">{all ? 'Flag' : 'Why'}</span>
        {all && (
          <span role="columnheader" className="sr-only">
            Remove
          </span>
        )}
      </div>
      <div className="item-scroll" ref={scroller} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} role="rowgroup">
        {total === 0 ? (
          <p className="muted empty">{empty}</p>
        ) : (
          <div style={{ height: total * rowPx, position: 'relative' }}>
            {rows.map((item, k) => {
              const i = first + k;
              const flag = flagOf(item);
              return (
                <div key={item.id} className="item-row" role="row" aria-rowindex={i + 2} style={{ position: 'absolute', top: i * rowPx, left: 0, right: 0 }}>
                  <span role="cell" className="num">
                    {item.n}
                  </span>
                  <span role="cell" className="mono">
                    {item.accountNumber ? formatAccountNumber(item.accountNumber, profile.accountNumber) : 'no account'}
                  </span>
                  {all && (
                    <span role="cell" className="mono">
                      {item.checkNumber}
                    </span>
                  )}
                  <span role="cell" className="money">
                    {formatMoney(item.amount)}
                  </span>
                  <span role="cell" className="flag" title={flag.detail}>
                    <strong className={`tone-${flag.tone}`}>{flag.word}</strong> <span className={all ? 'muted' : 'detail'}>{flag.detail}</span>
                  </span>
                  {all && (
                    <span role="cell">
                      {onRemove && (
                        <button type="button" className="small" aria-label={`Remove item ${item.n}`} onClick={() => onRemove(item)}>
                          Remove
                        </button>
                      )}
                    </span>
                  )}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
