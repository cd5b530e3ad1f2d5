import { describe, expect, it } from 'vitest';
import { describeDraft, paymentDraftSchema, scrubDraft } from '../../../../shared/payments/draft';
import { draftFor } from './draft-sample';
import { portlandWaterBureau } from '../../../../shared/profiles';

describe('payment draft', () => {
  it('keeps what was typed, as typed, and reads back through its schema', () => {
    const d = draftFor({ bills: '18O', tenders: [{ kind: 'check', amount: '50', checkNumber: '1042', routingNumber: '' }] });
    const back = paymentDraftSchema.parse(JSON.parse(JSON.stringify(scrubDraft(d))));
    expect(back.values.bills).toBe('18O');
    expect(back.values.tenders).toEqual([{ kind: 'check', amount: '50', checkNumber: '1042', routingNumber: '' }]);
    expect(back.receiptLanguage).toBe('vi');
  });

  it('never keeps a card number, wherever it was typed', () => {
    const pan = '4111 1111 1111 1111';
    const d = scrubDraft(
      draftFor({
        memo: `card ${pan}`,
        bills: pan,
        tenders: [
          { kind: 'card', amount: '20.00', brand: 'Visa', last4: '4111111111111111', approvalCode: pan },
          { kind: 'money_order', amount: '10.00', serial: '4111111111111111' },
        ],
      }),
    );
    expect(JSON.stringify(d)).not.toMatch(/4111\s?1111/);
    expect(d.values.memo).toBe('');
    expect(d.values.tenders[0]).toMatchObject({ kind: 'card', amount: '20.00', brand: 'Visa', last4: '', approvalCode: '' });
  });

  it('keeps a card last four as typed', () => {
    const d = scrubDraft(draftFor({ tenders: [{ kind: 'card', amount: '20.00', brand: 'Visa', last4: '4242', approvalCode: 'A1B2C3' }] }));
    expect(d.values.tenders[0]).toMatchObject({ last4: '4242', approvalCode: 'A1B2C3' });
  });

  it('refuses a stored draft that is not one', () => {
    expect(paymentDraftSchema.safeParse({ ...draftFor(), accounts: [] }).success).toBe(false);
    expect(paymentDraftSchema.safeParse({ ...draftFor(), receiptLanguage: 'fr' }).success).toBe(false);
  });

  it('tells the cashier whose payment it was and what was typed as tendered, to the cent', () => {
    const d = draftFor({ bills: '180', coins: '4.99', tenders: [{ kind: 'check', amount: '20.01', checkNumber: '', routingNumber: '' }, { kind: 'card', amount: 'x', brand: '', last4: '', approvalCode: '' }] });
    expect(describeDraft(d, portlandWaterBureau.accountNumber)).toBe(
      'account 1000000001 (Rosa Delgado): $205.00 typed as tendered and 2 checks, money orders or cards',
    );
  });
});
