import type { KnowledgeBase } from '@mesh-advisor/plugin-mesh-advisor-common';
import type {
  Decision,
  DecisionEvent,
} from '@mesh-advisor/plugin-mesh-advisor-common';

const meshName = (kb: KnowledgeBase, id: string) =>
  kb.meshes[id as keyof typeof kb.meshes]?.name ?? id;

/** A YAML scalar for the front matter: plain when that is unambiguous, else double-quoted (JSON strings are valid YAML). */
const yamlScalar = (v: string) =>
  /^[A-Za-z0-9][A-Za-z0-9 ._/-]*$/.test(v) && !/ $/.test(v)
    ? v
    : JSON.stringify(v);

/** One line of markdown: no line breaks inside a heading or list item. */
const oneLine = (v: string) => v.replace(/\s+/g, ' ').trim();

/** Blockquote and list markers a line may open with (block structure can nest inside them). */
const CONTAINERS =
  /^((?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*)/;

/**
 * What markdown would read, after those, as structure rather than text: an
 * ATX heading, a setext underline (which turns the line above into a
 * heading), or a code fence.
 */
const BLOCK_MARKER = /^(#|=+[ \t]*$|-+[ \t]*$|```|~~~)/;

/** An HTML tag, comment or declaration (an autolink such as <https://…> stays). */
const HTML = /<(?=[A-Za-z/!?])(?!https?:\/\/)/g;

/** One line of user text inside a heading or list item. */
const inline = (v: string) => oneLine(v).replace(HTML, '&lt;');

/**
 * User text as paragraphs that cannot add sections, front matter, fences
 * or HTML: each line's block marker is escaped, even inside a quote or a
 * list item, and tags are written as text; emphasis, links and lists stay.
 */
export function userText(v: string): string {
  return v
    .trim()
    .split(/\r\n|\r|\n/)
    .map(line => {
      const [prefix] = CONTAINERS.exec(line)!;
      const rest = line.slice(prefix.length).replace(HTML, '&lt;');
      return prefix + (BLOCK_MARKER.test(rest) ? `\\${rest}` : rest);
    })
    .join('\n');
}

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
    `# ${inline(d.title)}`,
    '',
    '## Context and Problem Statement',
    '',
    userText(d.context) || `Which service mesh should ${d.entityRef} run on?`,
    '',
    '## Considered Options',
    '',
    ...options.map(o => `* ${meshName(kb, o)}`),
    '',
    '## Decision Outcome',
    '',
    `Chosen option: "${meshName(kb, d.chosen)}", because ${userText(
      d.rationale,
    )}`,
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
        e.note ? `: ${inline(e.note)}` : ''
      }`,
    );
  }
  return `${lines.join('\n')}\n`;
}
