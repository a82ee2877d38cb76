import {
  CAPABILITIES,
  Capability,
  OPS_CAPACITIES,
  OpsCapacity,
  Requirements,
} from '@mesh-advisor/plugin-mesh-advisor-common';

// One prefix keeps the what-if's parameters apart from anyone else's.
const P = 'whatif';

const capabilities = (value: string | null): Capability[] =>
  (value ?? '')
    .split(',')
    .map(s => s.trim())
    .filter((c): c is Capability =>
      (CAPABILITIES as readonly string[]).includes(c),
    );

const number = (value: string | null, valid: (n: number) => boolean) => {
  if (value === null || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) && valid(n) ? n : undefined;
};

/** Whether the URL carries a what-if (a shared link). */
export function hasWhatIfState(params: URLSearchParams): boolean {
  return params.get(P) === '1';
}

/**
 * The what-if's requirements from the URL, on top of the service's own
 * (for what the URL does not carry: exposure and the rest); undefined when
 * the URL has none. Unknown values are dropped, not trusted.
 */
export function whatIfFromUrl(
  params: URLSearchParams,
  base: Requirements,
): Requirements | undefined {
  if (!hasWhatIfState(params)) return undefined;
  const requires = capabilities(params.get(`${P}.requires`));
  const prefers = capabilities(params.get(`${P}.prefers`)).filter(
    c => !requires.includes(c),
  );
  const ops = params.get(`${P}.ops`);
  return {
    ...base,
    requires,
    prefers,
    latencyBudgetMs: number(params.get(`${P}.budget`), n => n > 0),
    replicas: number(
      params.get(`${P}.replicas`),
      n => Number.isInteger(n) && n >= 0,
    ),
    opsCapacity: (OPS_CAPACITIES as readonly string[]).includes(ops ?? '')
      ? (ops as OpsCapacity)
      : undefined,
  };
}

/** The URL's parameters with this what-if written in (or removed: undefined). */
export function withWhatIf(
  params: URLSearchParams,
  r: Requirements | undefined,
): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of Array.from(next.keys())) {
    if (key === P || key.startsWith(`${P}.`)) next.delete(key);
  }
  if (!r) return next;
  next.set(P, '1');
  next.set(`${P}.requires`, r.requires.join(','));
  next.set(`${P}.prefers`, r.prefers.join(','));
  if (r.latencyBudgetMs !== undefined) {
    next.set(`${P}.budget`, String(r.latencyBudgetMs));
  }
  if (r.replicas !== undefined) next.set(`${P}.replicas`, String(r.replicas));
  if (r.opsCapacity) next.set(`${P}.ops`, r.opsCapacity);
  return next;
}
