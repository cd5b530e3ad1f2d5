/** What the cashier must see about an account before taking money, in words that survive a glance. */
import { formatTimeOfDay } from '../../../../shared/time/business-day';
import type { AccountStatus } from '../../../../shared/accounts/account';
import { formatAccountNumber } from '../../../../shared/accounts/account-number';
import { formatMoney } from '../../../../shared/money/money';
import type { UtilityProfile } from '../../../../shared/profiles';
import { describeRestoration, restorationNeed } from '../../../../shared/payments/transaction';
import type { Found } from './lookup';

const STATUS: Record<AccountStatus, { word: string; tone: 'ok' | 'warn' | 'stop'; icon: string }> = {
  current: { word: 'Current', tone: 'ok', icon: '✓' },
  past_due: { word: 'PAST DUE', tone: 'warn', icon: '▲' },
  shut_off: { word: 'SHUT OFF', tone: 'stop', icon: '■' },
  certified: { word: 'CERTIFIED', tone: 'stop', icon: '■' },
  final_billed: { word: 'FINAL-BILLED', tone: 'warn', icon: '▲' },
  closed: { word: 'CLOSED: no payments', tone: 'stop', icon: '■' },
};


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
      <AccountAlert found={found} profile={profile} />
      <p className="muted">
        as of {formatTimeOfDay(new Date(found.asOf), profile.center.timeZone)} ({found.source === 'cache' ? 'cached' : 'from central'})
      </p>
    </section>
  );
}

/** The one thing about the account that changes what the cashier does next, in words. */
function AccountAlert({ found, profile }: { found: Found; profile: UtilityProfile }) {
  const a = found.account;
  if (a.status === 'shut_off') {
    const need = restorationNeed(a, profile);
    return <p className="alert-text stop">{need ? `To restore service: ${describeRestoration(need)}.` : 'Service is shut off.'}</p>;
  }
  if (a.status === 'certified' && profile.certified) {
    return (
      <p className="alert-text stop">
        {a.certifiedAmount ? `Certified ${formatMoney(a.certifiedAmount)}. ` : ''}
        {profile.certified.cashierNotice}
      </p>
    );
  }
  if (a.status === 'final_billed' && profile.finalBilled) return <p className="alert-text warn">{profile.finalBilled.notice}</p>;
  if (a.status === 'closed') return <p className="alert-text stop">Closed account: payments are not taken for it.</p>;
  return null;
}
