import type { TestDatabases } from '@backstage/backend-test-utils';
import { OWNER } from './decisionHarness';

/** The migration the previous release shipped last. */
export const PREVIOUS_RELEASE = '20261123000000_evaluations.js';
export const EVALUATION_TABLES = [
  'mesh_advisor_evaluations',
  'mesh_advisor_sweeps',
];
export const DECISION_TABLES = [
  'mesh_advisor_decisions',
  'mesh_advisor_decision_events',
];
export const DECISIONS = '20261123000100_decisions.js';
export const SORT_INDEX_REPAIR = '20261123000200_evaluation_sort_indexes.js';
export const ONE_ACCEPTED = '20261130000000_one_accepted_decision.js';
/** Added to the evaluations migration after some databases had run it. */
export const SORT_INDEXES = [
  'mesh_advisor_eval_mesh_score_idx',
  'mesh_advisor_eval_time_idx',
];

type Knex = Awaited<ReturnType<TestDatabases['init']>>;

export async function tables(knex: Knex) {
  const out: Record<string, boolean> = {};
  for (const t of [...EVALUATION_TABLES, ...DECISION_TABLES])
    out[t] = await knex.schema.hasTable(t);
  return out;
}

/** The names of the evaluations table's indexes. */
export async function indexes(knex: Knex): Promise<string[]> {
  if (knex.client.dialect === 'postgresql') {
    const { rows } = await knex.raw(
      "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'mesh_advisor_evaluations'",
    );
    return rows.map((r: { name: string }) => r.name);
  }
  const rows = await knex('sqlite_master')
    .where({ type: 'index', tbl_name: 'mesh_advisor_evaluations' })
    .select('name');
  return rows.map(r => r.name);
}

export const all = (names: string[], present: boolean) =>
  Object.fromEntries(names.map(n => [n, present]));

export async function count(knex: Knex, table: string) {
  const [{ n }] = await knex(table).count({ n: '*' });
  return Number(n);
}

/**
 * Whether the write failed on a unique constraint. (better-sqlite3's errors
 * are not `instanceof Error` inside jest's sandbox, so `rejects.toThrow()`
 * cannot be relied on.)
 */
export async function uniqueViolation(
  write: PromiseLike<unknown>,
): Promise<boolean> {
  try {
    await write;
    return false;
  } catch (e) {
    return /unique|duplicate key/i.test(String((e as Error)?.message));
  }
}

export function decisionRow(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    entity_ref: 'component:default/payments-api',
    chosen: 'linkerd',
    status: 'proposed',
    title: 'A decision',
    context: '',
    rationale: 'because',
    alternatives: '[]',
    author: OWNER,
    created_at: 1,
    updated_at: 1,
    version: 1,
    ...extra,
  };
}
