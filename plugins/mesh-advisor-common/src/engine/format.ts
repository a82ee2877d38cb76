import { capabilityList } from '../knowledgeBase/compile';

/**
 * `String(Math.round(v * 10 ** digits) / 10 ** digits)`, without the
 * floating-point printing: the explanation prints several rounded figures
 * per candidate, and integer formatting is several times faster. Same text
 * for every value (the decimal of k / 10^digits is the shortest that
 * round-trips, which is what JavaScript prints).
 */
export function formatNumber(v: number, digits: number): string {
  const f = 10 ** digits;
  const k = Math.round(v * f);
  if (!(k >= 0 && k <= 0x3fffffff)) return String(k / f);
  const frac = k % f;
  const whole = (k - frac) / f;
  if (frac === 0) return String(whole);
  let text = String(frac + f).slice(1); // zero-padded to `digits`
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (end !== text.length) text = text.slice(0, end);
  return `${whole}.${text}`;
}

/** Milliseconds as the explanations print them: two decimals at most. */
export const formatMs = (v: number) => `${formatNumber(v, 2)} ms`;

// Every candidate's explanation and the summary name the same requirements.
let lastRequired = -1;
let lastList = '';
export function requiredList(req: number): string {
  if (req !== lastRequired) {
    lastRequired = req;
    lastList = capabilityList(req);
  }
  return lastList;
}

/** "1 service", "2 services". */
export const plural = (n: number, word: string) =>
  `${n} ${word}${n === 1 ? '' : 's'}`;
