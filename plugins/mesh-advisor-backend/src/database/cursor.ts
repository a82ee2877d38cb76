import { InputError } from '@backstage/errors';

/** Keyset cursor: the sort value and entity ref of the last row of a page. */
export interface Cursor {
  v: string | number;
  r: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

/**
 * What the sort column holds, so a forged cursor cannot make the database
 * compare across types or out of the column's range: `text`, or integers
 * within PostgreSQL's `integer` (int32) or `bigint` (safe integers).
 */
export type CursorValueType = 'text' | 'int32' | 'int64';

const INT32 = 2 ** 31;

function fits(v: unknown, type: CursorValueType): boolean {
  if (type === 'text') return typeof v === 'string' && !v.includes('\u0000');
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) return false;
  return type === 'int64' || (v >= -INT32 && v < INT32);
}

/** A cursor this API returned, for a sort column of `type`; 400 otherwise. */
export function decodeCursor(raw: string, type: CursorValueType): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      c &&
      typeof c.r === 'string' &&
      !c.r.includes('\u0000') &&
      fits(c.v, type)
    )
      return { v: c.v, r: c.r };
  } catch {
    // fall through
  }
  throw new InputError(
    'cursor: not a cursor this API returned; start again without it',
  );
}
