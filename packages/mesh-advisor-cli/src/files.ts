import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, parse, YAMLParseError } from 'yaml';
import type { Entity } from '@backstage/catalog-model';

/** A file that cannot be read or parsed: exit code 2, with the file (and line) named. */
export class InputError extends Error {}

async function collect(target: string, out: string[]): Promise<void> {
  let stat;
  try {
    stat = await fs.stat(target);
  } catch {
    throw new InputError(`${target}: no such file or directory`);
  }
  if (stat.isFile()) {
    out.push(target);
    return;
  }
  const entries = await fs.readdir(target, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const full = path.join(target, e.name);
    if (e.isDirectory()) await collect(full, out);
    else if (/\.ya?ml$/i.test(e.name)) out.push(full);
  }
}

function yamlError(file: string, err: YAMLParseError): InputError {
  const line = err.linePos?.[0]?.line;
  return new InputError(
    `${file}${line ? `:${line}` : ''}: YAML does not parse: ${
      err.message.split('\n')[0]
    }`,
  );
}

const looksLikeEntity = (d: unknown): d is Entity =>
  typeof d === 'object' &&
  d !== null &&
  typeof (d as Entity).kind === 'string' &&
  typeof (d as Entity).metadata === 'object';

/** Reads every catalog entity in the given files and directories (multi-document YAML). */
export async function readEntities(
  targets: string[],
): Promise<{ entities: Entity[]; files: string[] }> {
  const files: string[] = [];
  for (const t of targets) await collect(t, files);
  const entities: Entity[] = [];
  for (const file of files) {
    const text = await fs.readFile(file, 'utf8');
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length) throw yamlError(file, doc.errors[0]);
      const value = doc.toJS();
      if (looksLikeEntity(value)) entities.push(value);
    }
  }
  return { entities, files };
}

/** Reads a single YAML document (platform context, knowledge base). */
export async function readYamlFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new InputError(`${file}: no such file`);
  }
  try {
    return parse(text, { prettyErrors: true });
  } catch (e) {
    if (e instanceof YAMLParseError) throw yamlError(file, e);
    throw e;
  }
}
