import type { KnowledgeBase } from '@mesh-advisor/plugin-mesh-advisor-common';
import type { Decision, DecisionEvent } from '../database/DecisionStore';

const meshName = (kb: KnowledgeBase, id: string) =>
  kb.meshes[id as keyof typeof kb.meshes]?.name ?? id;

/** A YAML scalar for the front matter: plain when that is unambiguous, else double-quoted (JSON strings are valid YAML). */
const yamlScalar = (v: string) =>
  /^[A-Za-z0-9][A-Za-z0-9 ._/-]*$/.test(v) && !/ $/.test(v)
    ? v
    : JSON.stringify(v);

/** One line of markdown: no line breaks inside a heading or list item. */
const oneLine = (v: string) => v.replace(/\s+/g, ' ').trim();

/**
 * A decision as a MADR document (front matter with status and date, as the
 * Backstage ADR plugin reads them), for teams to commit next to their code.
 */
export function renderAdr(
  d: Decision,
  events: DecisionEvent[],
  kb: KnowledgeBase,
): string {
  const date = d.updatedAt.slice(0, 10);
  const deciders = [...new Set(events.map(e => e.actor))];
  const options = [d.chosen, ...d.alternatives.filter(a => a !== d.chosen)];
  const s = d.snapshot;
  const lines = [
    '---',
    `status: ${yamlScalar(d.status)}`,
    `date: ${date}`,
    ...(deciders.length
      ? ['decision-makers:', ...deciders.map(who => `  - ${yamlScalar(who)}`)]
      : ['decision-makers: []']),
    '---',
    '',
    `# ${oneLine(d.title)}`,
    '',
    '## Context and Problem Statement',
    '',
    d.context.trim() || `Which service mesh should ${d.entityRef} run on?`,
    '',
    '## Considered Options',
    '',
    ...options.map(o => `* ${meshName(kb, o)}`),
    '',
    '## Decision Outcome',
    '',
    `Chosen option: "${meshName(kb, d.chosen)}", because ${d.rationale.trim()}`,
    '',
  ];
  if (d.supersedes) lines.push(`Supersedes decision ${d.supersedes}.`, '');
  if (d.supersededBy)
    lines.push(`Superseded by decision ${d.supersededBy}.`, '');
  lines.push('## More Information', '');
  lines.push(`Entity: \`${d.entityRef}\`. Decision id: \`${d.id}\`.`, '');
  if (s) {
    const rec = s.recommendation
      ? `${meshName(kb, s.recommendation.mesh)} (score ${
          s.recommendation.score
        }, ${s.recommendation.confidence} confidence)`
      : 'none';
    const scores = Object.entries(s.scores)
      .map(([mesh, score]) => `${meshName(kb, mesh)} ${score}`)
      .join(', ');
    lines.push(
      `Mesh Advisor's ${
        s.scope === 'platform' ? 'platform-wide ' : ''
      }advice when this was filed (engine ${s.engineVersion}, knowledge base ${
        s.knowledgeBaseVersion
      }${s.evaluatedAt ? `, evaluated ${s.evaluatedAt}` : ''}): ${rec}.${
        scores ? ` Scores: ${scores}.` : ''
      }`,
      '',
    );
  }
  lines.push('### History', '');
  for (const e of events) {
    lines.push(
      `* ${e.at} — ${e.type} by ${e.actor}${
        e.note ? `: ${oneLine(e.note)}` : ''
      }`,
    );
  }
  return `${lines.join('\n')}\n`;
}
