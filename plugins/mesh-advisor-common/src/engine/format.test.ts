import fc from 'fast-check';
import { formatNumber } from './format';

describe('formatNumber', () => {
  it('prints what String(Math.round(v * 10^d) / 10^d) prints', () => {
    for (const [v, d, text] of [
      [0.35, 2, '0.35'],
      [0.3, 2, '0.3'],
      [1, 2, '1'],
      [0.05, 2, '0.05'],
      [12.5, 1, '12.5'],
      [0.004, 2, '0'],
      [2.675, 2, '2.68'],
    ] as const) {
      expect(formatNumber(v, d)).toBe(text);
    }
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e7, noNaN: true }),
        fc.integer({ min: 0, max: 3 }),
        (v, d) => {
          const f = 10 ** d;
          expect(formatNumber(v, d)).toBe(String(Math.round(v * f) / f));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('falls back to plain printing outside the integer range', () => {
    expect(formatNumber(1e12, 2)).toBe('1000000000000');
    expect(formatNumber(-1.5, 1)).toBe('-1.5');
  });
});
