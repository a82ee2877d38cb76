import fs from 'node:fs';
import path from 'node:path';
import { loadKnowledgeBase } from '@mesh-advisor/plugin-mesh-advisor-common';
import { parse as parseYaml } from 'yaml';
import type {
  Decision,
  DecisionEvent,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import fc from 'fast-check';
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

  /** The structure markdown reads: heading lines (ATX or setext-underlined), fences, HTML tags at a line start. */
  function structure(md: string) {
    const lines = split(md).body.split('\n');
    const out: string[] = [];
    lines.forEach((line, i) => {
      // list and quote markers may hold a heading too
      const rest = line.replace(
        /^((?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*)/,
        '',
      );
      // the title's text varies; the other headings are the document's own
      if (/^#{1,6}([ \t]|$)/.test(rest))
        out.push(/^#[ \t]/.test(rest) ? '# (title)' : rest);
      if (/^(=+|-+)[ \t]*$/.test(rest) && i > 0 && lines[i - 1].trim())
        out.push(`setext:${lines[i - 1]}`);
      if (/^(```|~~~)/.test(rest)) out.push('fence');
      if (/<[A-Za-z/!?]/.test(line)) out.push('html');
    });
    return out;
  }

  it('keeps user text from adding sections, front matter, fences or HTML', () => {
    const plain = structure(renderAdr(decision, [], kb));
    const spoof = {
      ...decision,
      title: 'Adopt <h2>Linkerd</h2>',
      context:
        '---\nstatus: rejected\n---\n# Decision Outcome\nTitle\n===\n> ## Quoted\n- ## Listed\n```\ncode',
      rationale:
        'cheap.\n\n## Decision Outcome\n\nChosen option: "Istio"\nSpoof\n---\n<script>x</script>',
    };
    expect(structure(renderAdr(spoof, [], kb))).toEqual(plain);
    const md = renderAdr(spoof, [], kb);
    expect(split(md).attributes.status).toBe('accepted');
    expect(md.match(/^## Decision Outcome$/gm)).toHaveLength(1);
  });

  it('no user text changes the document structure (property)', () => {
    const plain = structure(renderAdr(decision, [], kb));
    const piece = fc.constantFrom(
      '#',
      '## ',
      '---',
      '===',
      '```',
      '~~~',
      '<h1>',
      '> ',
      '- ',
      '1. ',
      '\n',
      '\n\n',
      ' ',
      'text',
      '*',
      '`',
    );
    const userText = fc.array(piece, { maxLength: 30 }).map(p => p.join(''));
    fc.assert(
      fc.property(userText, userText, userText, (title, context, rationale) => {
        const md = renderAdr(
          {
            ...decision,
            title: title.trim() || 'x',
            context,
            rationale: rationale.trim() || 'x',
          },
          [],
          kb,
        );
        expect(structure(md)).toEqual(plain);
      }),
      { numRuns: 300 },
    );
  });
});
