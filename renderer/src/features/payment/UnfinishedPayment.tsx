/**
 * The payment the counter was taking when it stopped (a crash, a reload, a power cut), offered back to the
 * same cashier after sign-in: resume it as it was typed, or discard it. It was never posted.
 */
import { describeDraft } from '../../../../shared/payments/draft';
import type { UtilityProfile } from '../../../../shared/profiles';
import { formatDateTime } from '../../../../shared/receipt/i18n';
import type { LoadedDraft } from '../../db/drafts';

export function UnfinishedPayment({
  unfinished,
  profile,
  onResume,
  onDiscard,
}: {
  unfinished: NonNullable<LoadedDraft>;
  profile: UtilityProfile;
  onResume: () => void;
  onDiscard: () => void;
}) {
  const readable = 'draft' in unfinished;
  return (
    <section className="panel wide" aria-label="Payment not posted">
      <h2>Payment not posted</h2>
      <p role="alert" className="alert-text warn">
        {readable
          ? `▲ The counter stopped with a payment in progress, started ${formatDateTime(unfinished.draft.startedAt, 'en', profile.center.timeZone)}, for ${describeDraft(unfinished.draft, profile.accountNumber)}. It was not posted and nothing was recorded for it.`
          : `▲ The counter stopped with a payment in progress, but ${unfinished.unreadable}. It was not posted: take it again.`}
      </p>
      <div className="row">
        {readable && (
          <button type="button" className="primary" autoFocus onClick={onResume}>
            Resume payment
          </button>
        )}
        <button type="button" onClick={onDiscard}>
          {readable ? 'Discard it' : 'Dismiss'}
        </button>
      </div>
    </section>
  );
}
