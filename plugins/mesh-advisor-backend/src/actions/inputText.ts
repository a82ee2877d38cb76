import type { z as zod } from 'zod/v3';

const NUL = '\u0000';

/**
 * A string a model may send: bounded, and without NUL characters, which
 * PostgreSQL text cannot hold (as the REST API's guard refuses them).
 */
export const inputText = (z: typeof zod, max: number) =>
  z
    .string()
    .max(max)
    .refine(s => !s.includes(NUL), {
      message: 'contains a NUL character (\\u0000), which cannot be stored',
    });
