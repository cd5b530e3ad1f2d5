/**
 * ABA routing numbers: 9 digits, weights 3-7-1 repeated, sum divisible by 10; the first two digits in
 * 00-12, 21-32, 61-72 or 80 (Federal Reserve routing symbol ranges). Known good: 021000021, 111000025.
 */
export function routingNumberProblem(routing: string): string | null {
  if (!/^[0-9]{9}$/.test(routing)) return 'must be 9 digits';
  const prefix = Number(routing.slice(0, 2));
  const inRange = prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80;
  if (!inRange) return 'its first two digits must be 00-12, 21-32, 61-72 or 80';
  const w = [3, 7, 1];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (routing.charCodeAt(i) - 48) * (w[i % 3] ?? 0);
  return sum % 10 === 0 ? null : 'fails its check digit (3-7-1); read it again from the bottom of the check';
}
