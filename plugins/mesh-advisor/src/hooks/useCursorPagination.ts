import { useCallback, useMemo, useState } from 'react';

/**
 * Cursor pagination with a stack of the cursors visited, so "previous" works
 * with a server that only hands out "next" cursors. The stack starts over
 * whenever `queryKey` (the filters and sort) changes.
 */
export function useCursorPagination(queryKey: string) {
  const [state, setState] = useState<{
    key: string;
    stack: (string | undefined)[];
  }>({ key: queryKey, stack: [undefined] });
  const stack = useMemo(
    () => (state.key === queryKey ? state.stack : [undefined]),
    [state, queryKey],
  );

  const next = useCallback(
    (nextCursor: string | null | undefined) => {
      if (!nextCursor) return;
      setState({ key: queryKey, stack: [...stack, nextCursor] });
    },
    [queryKey, stack],
  );
  const previous = useCallback(() => {
    if (stack.length > 1) {
      setState({ key: queryKey, stack: stack.slice(0, -1) });
    }
  }, [queryKey, stack]);
  const first = useCallback(
    () => setState({ key: queryKey, stack: [undefined] }),
    [queryKey],
  );

  return {
    cursor: stack[stack.length - 1],
    pageIndex: stack.length - 1,
    hasPrevious: stack.length > 1,
    next,
    previous,
    first,
  };
}
