/** The back office's decisions on held payments: list, apply once, refund once, and what the day's export shows. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyHeld, listHeld, refundHeld } from '../../../central/src/backoffice';
import { parseCliArgs } from '../../../central/src/cli-args';
import { runDecide, runHeld } from '../../../central/src/commands';
import { openPglite } from '../../../central/src/db';
import { seedDemo } from '../../../central/src/demo';
import { exportPostings } from '../../../central/src/export';
import { migrate } from '../../../central/src/migrations';
import { postPayments } from '../../../central/src/payments';
import { money, sub, toMoneyString } from '../../../shared/money/money';
import { balanceOf, cashPayment, openTestCentral, paymentCount, type TestCentral } from './helpers';

let c: TestCentral;
beforeAll(async () => {
  c = await openTestCentral(0);
});
afterAll(async () => {
  await c.close();
});

/** Today in Portland, as the export counts days. */
const portlandDay = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date());

describe('held payments', () => {
  it('lists a held payment, applies it once to the account, and a second apply changes nothing', async () => {
    const before = await balanceOf(c.db, 'pwb', '1000000001');
    const p = cashPayment({ lines: [{ accountNumber: '1000000001', amount: '20.00' }], coins: '6.00' });
    const [answer] = await postPayments(c.db, [p]);
    expect(answer?.status).toBe('held');
    expect(await listHeld(c.db)).toContainEqual(
      expect.objectContaining({ id: p.id, kind: 'payment', stationId: 'unit-1', accounts: '1000000001', amount: '20.00', decision: 'undecided', reason: expect.stringMatching(/^coins: /) }),
    );
    // --date is the utility's business day: held today in Portland, not on the day before or after.
    const [{ held_day: heldDay } = { held_day: '' }] = await c.db.query<{ held_day: string }>(
      "select to_char(held_at at time zone 'America/Los_Angeles', 'YYYY-MM-DD') as held_day from held_items where id = $1",
      [p.id],
    );
    const next = new Date(`${heldDay}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    const prior = new Date(`${heldDay}T12:00:00Z`);
    prior.setUTCDate(prior.getUTCDate() - 1);
    expect((await listHeld(c.db, heldDay)).map((r) => r.id)).toContain(p.id);
    expect((await listHeld(c.db, next.toISOString().slice(0, 10))).map((r) => r.id)).not.toContain(p.id);
    expect((await listHeld(c.db, prior.toISOString().slice(0, 10))).map((r) => r.id)).not.toContain(p.id);

    const day = portlandDay();
    const heldExport = await exportPostings(c.db, day);
    expect(heldExport.csv).toMatch(new RegExp(`^H[0-9]{8},${p.id},pwb,1000000001,20.00,.*,held\\r$`, 'm'));

    const applied = await applyHeld(c.db, p.id, 'sam');
    expect(applied).toEqual({ ok: true, message: expect.stringMatching(/^payment .* applied as P[0-9]{8}: 20.00 to 1000000001 at pwb$/) });
    expect((await balanceOf(c.db, 'pwb', '1000000001')).balance).toBe(toMoneyString(sub(money(before.balance), money('20.00'))));
    expect(await applyHeld(c.db, p.id, 'kim')).toEqual({ ok: true, message: `payment ${p.id} is already applied (by sam); nothing changed` });
    expect((await balanceOf(c.db, 'pwb', '1000000001')).balance).toBe(toMoneyString(sub(money(before.balance), money('20.00'))));
    expect(await paymentCount(c.db, p.id)).toBe(1);
    expect(await refundHeld(c.db, p.id, 'kim', 'changed mind')).toMatchObject({ ok: false });
    expect((await listHeld(c.db)).find((r) => r.id === p.id)?.decision).toBe('applied by sam');

    // Posted on the day it was applied, and no longer in the held rows; the station still hears `held`.
    const after = await exportPostings(c.db, day);
    expect(after.csv).toMatch(new RegExp(`^P[0-9]{8},${p.id},pwb,1000000001,20.00,.*,posted\\r$`, 'm'));
    expect(after.csv).not.toMatch(new RegExp(`${p.id}.*,held\\r$`, 'm'));
    expect((await postPayments(c.db, [p]))[0]).toEqual(answer);
  });

  it('refuses to apply while the account is still unknown, naming it; refunds once without touching a balance', async () => {
    const p = cashPayment({ lines: [{ accountNumber: '1000004321', amount: '7.00' }] });
    await postPayments(c.db, [p]);
    expect(await applyHeld(c.db, p.id, 'sam')).toEqual({ ok: false, message: 'account 1000004321 at pwb is still unknown at central: import it first; nothing changed' });
    expect(await paymentCount(c.db, p.id)).toBe(0);
    expect(await refundHeld(c.db, p.id, 'sam', 'returned to the customer')).toEqual({ ok: true, message: `payment ${p.id} recorded as refunded by sam; no balance changed` });
    expect(await refundHeld(c.db, p.id, 'kim', 'again')).toEqual({ ok: true, message: `payment ${p.id} is already refunded (by sam); nothing changed` });
    expect(await applyHeld(c.db, p.id, 'kim')).toMatchObject({ ok: false, message: expect.stringMatching(/already refunded/) });
    expect(await c.db.query('select decision, decided_by, reason from held_decisions where payment_id = $1::uuid', [p.id])).toEqual([
      { decision: 'refund', decided_by: 'sam', reason: 'returned to the customer' },
    ]);
    expect((await exportPostings(c.db, portlandDay())).csv).toMatch(new RegExp(`^H[0-9]{8},${p.id},.*,refunded\\r$`, 'm'));
    expect(await applyHeld(c.db, '01970000-0000-7000-8000-000000000999', 'sam')).toEqual({ ok: false, message: 'no held payment 01970000-0000-7000-8000-000000000999' });
  });

  it('runs as commands: held lists as CSV, apply exits 1 naming the unknown account', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'central-held-'));
    const dataDir = join(dir, 'data');
    try {
      const db = await openPglite(dataDir);
      const p = cashPayment({ lines: [{ accountNumber: '1000004321', amount: '7.00' }] });
      try {
        await migrate(db);
        await seedDemo(db, { perUtility: 0 });
        await postPayments(db, [p]);
      } finally {
        await db.close();
      }
      const lines = { outs: [] as string[], errs: [] as string[], written: '' };
      const io = { out: (l: string) => lines.outs.push(l), err: (l: string) => lines.errs.push(l), write: (t: string) => (lines.written += t) };
      expect(parseCliArgs(['held', '--date', '2026-02-30'])).toMatchObject({ ok: false });
      const heldArgs = parseCliArgs(['held', '--data', dataDir]);
      if (!heldArgs.ok || heldArgs.value.command !== 'held') throw new Error('held did not parse');
      expect(await runHeld(heldArgs.value, io, {})).toBe(0);
      expect(lines.written.split('\r\n')[0]).toBe('id,kind,reference,station_id,taken_at,accounts,amount,reason,decision');
      expect(lines.written).toContain(`${p.id},payment,`);
      const applyArgs = parseCliArgs(['apply', p.id, '--by', 'sam', '--data', dataDir]);
      if (!applyArgs.ok || applyArgs.value.command !== 'apply') throw new Error('apply did not parse');
      expect(await runDecide(applyArgs.value, io, {})).toBe(1);
      expect(lines.errs).toEqual(['apply: account 1000004321 at pwb is still unknown at central: import it first; nothing changed']);
      expect(parseCliArgs(['refund', p.id, '--by', 'sam'])).toEqual({ ok: false, message: '--reason: is required: why the payment is refunded' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
