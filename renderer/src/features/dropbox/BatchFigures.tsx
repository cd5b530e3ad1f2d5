/** The running figures against the control count and total, at all times; a polite live region, so a screen reader hears the change after each check. */
import type { ReactNode } from 'react';
import { formatMoney, money, type Money } from '../../../../shared/money/money';
import type { BatchFigures as Figures } from '../../../../shared/dropbox/batch';

export function balanceWords(f: Figures): string {
  return f.balanced ? 'BALANCED' : `OUT OF BALANCE: ${balanceDetail(f)}`;
}

/** What is still to enter (or entered beyond the tape), in words: "1 check to enter, $17.60 to enter". */
export function balanceDetail(f: Figures): string {
  if (f.balanced) return 'count and total match the tape';
  const parts: string[] = [];
  if (f.countLeft > 0) parts.push(`${f.countLeft} ${f.countLeft === 1 ? 'check' : 'checks'} to enter`);
  if (f.countLeft < 0) parts.push(`${-f.countLeft} ${f.countLeft === -1 ? 'check' : 'checks'} more than the tape`);
  const left = money(f.totalLeft);
  if (left.greaterThan(0)) parts.push(`${formatMoney(f.totalLeft)} to enter`);
  if (left.lessThan(0)) parts.push(`${formatMoney(left.negated() as Money)} more than the tape`);
  return parts.join(', ');
}

export function BatchFigures({ figures: f, control, children }: { figures: Figures; control: { controlCount: number; controlTotal: string }; children?: ReactNode }) {
  return (
    <section className="panel figures-panel" aria-label="Batch figures" aria-live="polite">
      <table className="figures-table">
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">Control</th>
            <th scope="col">Entered</th>
            <th scope="col">Applied</th>
            <th scope="col">Exceptions</th>
            <th scope="col">Set aside</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Count</th>
            <td className="money big-figure">{control.controlCount}</td>
            <td className="money big-figure">{f.entered.count}</td>
            <td className="money">{f.applied.count}</td>
            <td className="money">{f.exceptions.count}</td>
            <td className="money">{f.setAside.count}</td>
          </tr>
          <tr>
            <th scope="row">Total</th>
            <td className="money big-figure">{formatMoney(control.controlTotal as Figures['totalLeft'])}</td>
            <td className="money big-figure">{formatMoney(f.entered.total)}</td>
            <td className="money">{formatMoney(f.applied.total)}</td>
            <td className="money">{formatMoney(f.exceptions.total)}</td>
            <td className="money">{formatMoney(f.setAside.total)}</td>
          </tr>
        </tbody>
      </table>
      <div className="balance-state">
        <p className={`badge ${f.balanced ? 'ok' : 'warn'}`}>
          <span aria-hidden="true">{f.balanced ? '✓ ' : '▲ '}</span>
          {f.balanced ? 'BALANCED' : 'OUT OF BALANCE'}
        </p>
        <p className="balance-detail">
          {f.balanced ? '' : `${balanceDetail(f)} · `}Partial {f.partial} · Over {f.over}
        </p>
        {children}
      </div>
    </section>
  );
}
