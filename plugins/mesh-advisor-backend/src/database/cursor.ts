import { InputError } from '@backstage/errors';

/** Keyset cursor: the sort value and entity ref of the last row of a page. */
export interface Cursor {
  v: string | number;
  r: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

export function decodeCursor(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      c &&
      typeof c.r === 'string' &&
      (typeof c.v === 'string' || typeof c.v === 'number')
    )
      return c;
  } catch {
    // fall through
  }
  throw new InputError(
    'cursor: not a cursor this API returned; start again without it',
  );
}
