/** What the cashier must see about an account before taking money, in words that survive a glance. */
import type { AccountStatus } from '../../../../shared/accounts/account';
import { formatAccountNumber } from '../../../../shared/accounts/account-number';
import { formatMoney } from '../../../../shared/money/money';
import type { UtilityProfile } from '../../../../shared/profiles';
import type { Found } from './lookup';

const STATUS: Record<AccountStatus, { word: string; tone: 'ok' | 'warn' | 'stop'; icon: string }> = {
  current: { word: 'Current', tone: 'ok', icon: '✓' },
  past_due: { word: 'PAST DUE', tone: 'warn', icon: '▲' },
  shut_off: { word: 'SHUT OFF', tone: 'stop', icon: '■' },
  certified: { word: 'CERTIFIED', tone: 'stop', icon: '■' },
  final_billed: { word: 'FINAL-BILLED', tone: 'warn', icon: '▲' },
  closed: { word: 'CLOSED: no payments', tone: 'stop', icon: '■' },
};

const time = (iso: string) => new Date(iso).toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit' });

export function AccountPanel({ found, profile }: { found: Found; profile: UtilityProfile }) {
  const a = found.account;
  const s = STATUS[a.status];
  return (
    <section className="panel account" aria-label="Account">
      <h2>
        <span className="mono">{formatAccountNumber(a.number, profile.accountNumber)}</span> {a.name}
      </h2>
      <p>{a.serviceAddress}</p>
      <dl className="figures">
        <dt>Balance due</dt>
        <dd className="money big">{formatMoney(a.balance)}</dd>
        {a.pastDue !== '0.00' && (
          <>
            <dt>Past due</dt>
            <dd className="money">{formatMoney(a.pastDue)}</dd>
          </>
        )}
        {a.dueDate && (
          <>
            <dt>Due date</dt>
            <dd>{a.dueDate}</dd>
          </>
        )}
      </dl>
      <p className={`badge ${s.tone}`}>
        <span aria-hidden="true">{s.icon}</span> {s.word}
      </p>
      <p className="muted">
        as of {time(found.asOf)} ({found.source === 'cache' ? 'cached' : 'from central'})
      </p>
    </section>
  );
}
