import fs from 'node:fs';
import path from 'node:path';
import { TestDatabases } from '@backstage/backend-test-utils';
import { parse as parseYaml } from 'yaml';
import {
  OTHER,
  OWNER,
  startDecisionBackend,
} from './__testUtils__/decisionHarness';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const FIXTURES = path.join(__dirname, 'service', '__fixtures__');

/**
 * Compares with a golden file; `UPDATE_GOLDEN=1` rewrites it. Ids and times
 * vary per run, so they are replaced by stable names first.
 */
function expectGolden(name: string, actual: string) {
  const file = path.join(FIXTURES, name);
  if (process.env.UPDATE_GOLDEN) {
    fs.mkdirSync(FIXTURES, { recursive: true });
    fs.writeFileSync(file, actual);
  }
  if (!fs.existsSync(file))
    throw new Error(
      `No golden file ${file}; run the test with UPDATE_GOLDEN=1 to write it`,
    );
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}

function normalise(markdown: string, ids: Record<string, string>) {
  let out = markdown;
  for (const [id, label] of Object.entries(ids))
    out = out.split(id).join(label);
  return out
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, '<time>')
    .replace(/^date: \d{4}-\d\d-\d\d$/m, 'date: <date>');
}

describe.each(databases.eachSupportedId())(
  'decisions as ADR documents on %s',
  databaseId => {
    it('renders a decision as a MADR document the ADR plugin can read (golden files)', async () => {
      const { file, transition, get } = await startDecisionBackend(
        databases,
        databaseId,
      );
      const { body: a } = await file(OWNER, {
        chosen: 'linkerd',
        alternatives: ['istio-ambient', 'none'],
        title: 'Run payments-api on Linkerd',
        context:
          'payments-api needs **mTLS** between services.\n\nThe team is small.',
        rationale: 'it is the lightest mesh that gives mTLS.',
      });
      await transition(OWNER, a.id, {
        action: 'accept',
        version: 1,
        note: 'architecture review',
      });
      const { body: b } = await file(OWNER, {
        chosen: 'istio-sidecar',
        alternatives: ['linkerd'],
        title: 'Move payments-api to Istio sidecars',
        rationale:
          'JWT validation and the PAN-redaction Wasm filter must run at the proxy.',
      });
      await transition(OWNER, a.id, {
        action: 'supersede',
        version: 2,
        supersededBy: b.id,
        note: 'Wasm\nneeded',
      });
      await transition(OWNER, b.id, { action: 'accept', version: 1 });
      const { body: c } = await file(OWNER, {
        entityRef: 'system:default/payments',
        chosen: 'istio-sidecar',
        title: 'One mesh for the payments system',
        rationale: 'one mesh to operate.',
      });
      const ids = {
        [a.id]: '<decision-a>',
        [b.id]: '<decision-b>',
        [c.id]: '<decision-c>',
      };

      for (const [d, name, status] of [
        [a, 'adr-superseded.md.golden', 'superseded'],
        [b, 'adr-accepted-supersedes.md.golden', 'accepted'],
        [c, 'adr-system-proposed.md.golden', 'proposed'],
      ] as const) {
        const res = await get(OTHER, `/decisions/${d.id}/adr.md`);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/markdown/);
        // what the ADR plugin reads: front matter with status and date, then the title
        const [, frontMatter, body] = res.text.match(
          /^---\n([\s\S]*?)\n---\n([\s\S]*)$/,
        )!;
        const attributes = parseYaml(frontMatter);
        expect(attributes.status).toBe(status);
        expect(String(attributes.date)).toBe(
          (await get(OWNER, `/decisions/${d.id}`)).body.updatedAt.slice(0, 10),
        );
        expect(attributes['decision-makers']).toEqual([OWNER]);
        expect(body.trimStart().split('\n')[0]).toBe(`# ${d.title}`);
        expectGolden(name, normalise(res.text, ids));
      }
    });
  },
);
