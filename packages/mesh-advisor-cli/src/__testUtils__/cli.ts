import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../run';

/** The example catalog and platform in the repository's data folder. */
export const examples = path.resolve(__dirname, '../../../../data/examples');

/** Runs the CLI with `argv`; its exit code and what it printed. */
export async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, {
    out: t => out.push(t),
    err: t => err.push(t),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Writes `files` (path → text) into a new temporary directory; returns it. */
export function tempFiles(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh-advisor-cli-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** A catalog-info.yaml service `name` with the given annotation lines. */
export const service = (
  name: string,
  annotations: string,
) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  annotations:
    backstage.io/kubernetes-id: ${name}
${annotations}
spec:
  type: service
  lifecycle: production
  owner: team
`;
