import fs from 'node:fs';
import path from 'node:path';
import { loadKnowledgeBase } from '@mesh-advisor/plugin-mesh-advisor-common';
import { parse as parseYaml } from 'yaml';
import type { Decision, DecisionEvent } from '../database/DecisionStore';
import { renderAdr } from './adr';

const kb = loadKnowledgeBase();
const FIXTURES = path.join(__dirname, '__fixtures__');

function expectGolden(name: string, actual: string) {
  const file = path.join(FIXTURES, name);
  if (process.env.UPDATE_GOLDEN) fs.writeFileSync(file, actual);
  if (!fs.existsSync(file))
    throw new Error(
      `No golden file ${file}; run the test with UPDATE_GOLDEN=1 to write it`,
    );
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}

/** The front matter and body, split the way the ADR plugin's front-matter parser does. */
function split(markdown: string) {
  const m = markdown.match(/^---\n([\s\S]*?)\n---\n([\s\S]*)$/);
  if (!m) throw new Error('no front matter');
  return { attributes: parseYaml(m[1]) as Record<string, unknown>, body: m[2] };
}

const decision: Decision = {
  id: '3f1c2a9e-1111-4c4c-9d9d-000000000001',
  entityRef: 'component:default/payments-api',
  chosen: 'istio-sidecar',
  status: 'accepted',
  title: 'Adopt Istio sidecars\nfor payments-api',
  context: 'Payments needs *mTLS*, JWT validation and a Wasm filter.',
  rationale: 'only the sidecar runs all three at the proxy.',
  alternatives: ['linkerd', 'istio-ambient'],
  author: 'user:default/jonas.weber',
  createdAt: '2026-11-23T09:00:00.000Z',
  updatedAt: '2026-11-24T15:30:00.000Z',
  version: 2,
  supersedes: '3f1c2a9e-1111-4c4c-9d9d-000000000000',
  supersededBy: null,
  snapshot: {
    engineVersion: '1.0.0',
    knowledgeBaseVersion: '2026.11.0',
    recommendation: { mesh: 'istio-sidecar', confidence: 'medium', score: 81 },
    scores: { 'istio-sidecar': 81, 'istio-ambient': 73, linkerd: 0 },
    evaluatedAt: '2026-11-23T08:50:00.000Z',
    scope: 'service',
  },
};

const events: DecisionEvent[] = [
  {
    type: 'created',
    actor: 'user:default/jonas.weber',
    at: '2026-11-23T09:00:00.000Z',
    fromStatus: null,
    toStatus: 'proposed',
    version: 1,
    note: null,
  },
  {
    type: 'accepted',
    actor: 'user:default/amara.okafor',
    at: '2026-11-24T15:30:00.000Z',
    fromStatus: 'proposed',
    toStatus: 'accepted',
    version: 2,
    note: 'Agreed in the\narchitecture review',
  },
];

describe('renderAdr', () => {
  it('renders an accepted decision as MADR (golden file)', () => {
    const md = renderAdr(decision, events, kb);
    expectGolden('adr-unit-accepted.md.golden', md);
    const { attributes, body } = split(md);
    expect(attributes).toEqual({
      status: 'accepted',
      date: '2026-11-24',
      'decision-makers': [
        'user:default/jonas.weber',
        'user:default/amara.okafor',
      ],
    });
    // one heading line, even when the stored title had a line break
    expect(body.split('\n')[1]).toBe('# Adopt Istio sidecars for payments-api');
  });

  it('renders a proposal without context or snapshot, choosing no mesh (golden file)', () => {
    const md = renderAdr(
      {
        ...decision,
        status: 'proposed',
        chosen: 'none',
        alternatives: [],
        context: '   ',
        snapshot: null,
        supersedes: null,
        version: 1,
        updatedAt: decision.createdAt,
      },
      events.slice(0, 1),
      kb,
    );
    expectGolden('adr-unit-proposed-none.md.golden', md);
    expect(split(md).attributes).toMatchObject({
      status: 'proposed',
      date: '2026-11-23',
    });
    expect(md).toContain(
      'Which service mesh should component:default/payments-api run on?',
    );
    expect(md).toContain('Chosen option: "No mesh"');
    expect(md).not.toContain("Mesh Advisor's");
  });

  it('keeps the front matter valid YAML whatever the actors are called', () => {
    const odd = 'user:default/o\'brien: "the boss" #1';
    const md = renderAdr(
      {
        ...decision,
        status: 'superseded',
        supersededBy: '3f1c2a9e-1111-4c4c-9d9d-000000000002',
      },
      [{ ...events[0], actor: odd }],
      kb,
    );
    expect(split(md).attributes).toEqual({
      status: 'superseded',
      date: '2026-11-24',
      'decision-makers': [odd],
    });
    expect(md).toContain(
      'Superseded by decision 3f1c2a9e-1111-4c4c-9d9d-000000000002.',
    );
  });
});
