/**
 * The fuzz's properties at a fixed seed and a small count, in every `npm test`: each boundary parser, fed
 * hostile values, accepts nothing its oracle finds invalid and never throws. `npm run fuzz` runs the same
 * with 10,000 values each.
 */
import { describe, expect, it } from 'vitest';
import { applyMutation } from '../../fuzz/arbitraries';
import { fuzzTarget } from '../../fuzz/run';
import { paymentFields, TARGETS } from '../../fuzz/targets';
import { checkFields, sameName } from '../../fuzz/oracles';
import { payments } from '../../fuzz/samples';

const SEED = 20_261_122;
const RUNS = 120;

describe('the oracles', () => {
  it.each(TARGETS.map((t) => [t.name, t] as const))('%s: every valid sample is accepted and passes its oracle', (_name, target) => {
    for (const sample of target.samples) {
      const parsed = target.parse(sample);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(target.oracle(parsed.data)).toEqual([]);
    }
  });

  it('finds what a payment must not hold, naming the field', () => {
    const bad = (path: Array<string | number>, value: unknown) => checkFields(applyMutation(payments[0], { op: 'replace', path, value }), paymentFields);
    expect(bad(['memo'], 'Paid\u0000')).toEqual(['memo: holds a control character']);
    expect(bad(['memo'], 'Paid \u202E')).toEqual(['memo: holds a bidi control']);
    expect(bad(['cashier'], 'jdoe\uD800')).toEqual(['cashier: holds a lone surrogate']);
    expect(bad(['cashier'], 'a'.repeat(65))).toEqual(['cashier: 65 characters, more than 64']);
    expect(bad(['lines', 0, 'amount'], '1e3')).toEqual(['lines.0.amount: amount "1e3" is not ASCII digits with two decimals (at most 8 before the point)']);
    expect(bad(['lines', 0, 'amount'], '١٢.٣٤')).toHaveLength(1);
    expect(bad(['lines', 0, 'amount'], '100000000.00')).toHaveLength(1);
    expect(bad(['total'], '2000000000.00')).toEqual(['total: amount 2000000000.00 is above its ceiling']);
    expect(checkFields(applyMutation(payments[0], { op: 'add', path: [], key: '__proto__', value: { polluted: 'yes' } }), paymentFields)).toEqual([
      '__proto__: a field the protocol does not have',
    ]);
  });

  it('takes names the eye cannot tell apart for the same person', () => {
    expect(sameName('jdoe', 'jdoe\u200B')).toBe(true);
    expect(sameName('jdoe', 'ｊｄｏｅ')).toBe(true);
    expect(sameName('Ann Lee', 'ann  lee', true)).toBe(true);
    expect(sameName('jdoe', 'jdoe2')).toBe(false);
  });
});

describe(`every boundary parser under ${RUNS} hostile values (seed ${SEED})`, () => {
  it.each(TARGETS.map((t) => [t.name, t] as const))('%s: no invalid value accepted, no crash', (_name, target) => {
    const stats = fuzzTarget(target, { seed: SEED, runs: RUNS });
    expect(stats.examples).toEqual([]);
    expect({ invalidAccepted: stats.invalidAccepted, crashes: stats.crashes }).toEqual({ invalidAccepted: 0, crashes: 0 });
    // The inputs reach both sides of the parser: some hostile values pass (a mutation to a valid value), most do not.
    expect(stats.refused).toBeGreaterThan(0);
    expect(stats.accepted + stats.refused).toBe(RUNS);
  });
});
