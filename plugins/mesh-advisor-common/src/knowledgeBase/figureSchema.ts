import { z } from 'zod';
import { sourceId } from './sourceSchema';

/** A measured figure, with the conditions it was measured under. */
export const figureSchema = z.strictObject({
  /** null when no source gives the figure: the engine then says "unknown" */
  value: z.number().nonnegative().nullable(),
  unit: z.string().min(1),
  conditions: z.string().min(1),
  sources: z.array(sourceId).min(1),
  version: z.string().min(1),
});

/** measured: a study or the project measured it · estimated: worked out from other figures (the method says how) */
export const figureBasisSchema = z.enum(['measured', 'estimated']);

/**
 * An overhead figure: the value the engine scores, the range the sources
 * leave it in, and how it was obtained. A known figure must say all three,
 * with low ≤ value ≤ high; a null figure (no source gives it) needs none.
 */
export const overheadFigureSchema = figureSchema
  .extend({
    basis: figureBasisSchema.optional(),
    /** the lowest value the sources support (a latency budget blocks only below it) */
    low: z.number().nonnegative().optional(),
    /** the highest value the sources support */
    high: z.number().nonnegative().optional(),
    /** one line: how the value and the range were obtained */
    method: z.string().min(1).optional(),
  })
  .superRefine((f, ctx) => {
    if (f.value === null) return;
    const need = (key: 'basis' | 'low' | 'high' | 'method') => {
      if (f[key] === undefined)
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `a known figure needs ${key}`,
        });
    };
    need('basis');
    need('low');
    need('high');
    need('method');
    if (
      f.low !== undefined &&
      f.high !== undefined &&
      !(f.low <= f.value && f.value <= f.high)
    )
      ctx.addIssue({
        code: 'custom',
        path: ['low'],
        message: `the range must hold the value: low ${f.low} ≤ value ${f.value} ≤ high ${f.high}`,
      });
  });
