import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { EvaluationFilters } from './useEvaluations';

const KEYS = [
  'q',
  'owner',
  'system',
  'mesh',
  'status',
  'decision',
  'sort',
  'order',
] as const;

/** Rows per page the overview offers. */
export const PAGE_SIZES = [25, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 50;

/** The overview's filters, sort, page size and page, read from the URL. */
export function filtersFromUrl(params: URLSearchParams): EvaluationFilters {
  const filters: Record<string, string> = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return { sort: 'name', order: 'asc', ...filters } as EvaluationFilters;
}

/**
 * The overview's state in the URL — filters, search, sort, page size and
 * the cursors of the pages walked through — so it survives Back and can be
 * shared. Every change replaces the history entry (typing would otherwise
 * fill the history); a change of filters starts again at the first page.
 */
export function useOverviewUrlState() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromUrl(params), [params]);
  const sizeParam = Number(params.get('size'));
  const pageSize = (PAGE_SIZES as readonly number[]).includes(sizeParam)
    ? sizeParam
    : DEFAULT_PAGE_SIZE;
  // the cursors of the pages after the first, oldest first
  const cursors = useMemo(
    () => (params.get('after') ?? '').split(' ').filter(Boolean),
    [params],
  );

  const update = useCallback(
    (change: (next: URLSearchParams) => void) =>
      setParams(
        prev => {
          const next = new URLSearchParams(prev);
          change(next);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const hiddenColumns = useMemo(
    () => (params.get('hide') ?? '').split(',').filter(Boolean),
    [params],
  );

  return {
    filters,
    pageSize,
    /** columns of the services table the user hid */
    hiddenColumns,
    setHiddenColumns: useCallback(
      (keys: string[]) =>
        update(next => {
          if (keys.length) next.set('hide', keys.join(','));
          else next.delete('hide');
        }),
      [update],
    ),
    cursor: cursors[cursors.length - 1] as string | undefined,
    pageIndex: cursors.length,
    hasPrevious: cursors.length > 0,
    changeFilters: useCallback(
      (patch: Partial<EvaluationFilters>) =>
        update(next => {
          for (const [key, value] of Object.entries(patch)) {
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          next.delete('after');
        }),
      [update],
    ),
    clearFilters: useCallback(
      () =>
        update(next => {
          for (const key of KEYS) {
            if (key !== 'sort' && key !== 'order') next.delete(key);
          }
          next.delete('after');
        }),
      [update],
    ),
    setPageSize: useCallback(
      (size: number) =>
        update(next => {
          next.set('size', String(size));
          next.delete('after');
        }),
      [update],
    ),
    next: useCallback(
      (nextCursor: string | null | undefined) => {
        if (!nextCursor) return;
        update(next => next.set('after', [...cursors, nextCursor].join(' ')));
      },
      [update, cursors],
    ),
    previous: useCallback(
      () =>
        update(next => {
          const rest = cursors.slice(0, -1);
          if (rest.length) next.set('after', rest.join(' '));
          else next.delete('after');
        }),
      [update, cursors],
    ),
  };
}

/** What useOverviewUrlState returns. */
export type OverviewUrlState = ReturnType<typeof useOverviewUrlState>;
