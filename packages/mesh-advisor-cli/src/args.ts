import { parseArgs } from 'node:util';

export interface CliArgs {
  command: 'evaluate';
  paths: string[];
  platform?: string;
  knowledgeBase?: string;
  format: 'table' | 'json';
  fleet: boolean;
}

/** A problem with the command line itself: exit code 2. */
export class UsageError extends Error {}

export const USAGE = `Usage: mesh-advisor evaluate <file-or-dir>... [options]

Evaluates Backstage catalog-info.yaml files against Mesh Advisor's engine.
Directories are searched recursively for *.yaml / *.yml files.

Options:
  --platform <file>        YAML with the platform context (cni, currentMesh, clusters, …)
  --knowledge-base <file>  a knowledge-base file merged over the bundled one
  --format table|json      output format (default: table)
  --fleet                  evaluate the services together: the one mesh for the platform
  -h, --help               show this help

Exit codes: 0 all entities valid · 1 some entity has annotation problems ·
            2 unusable arguments, a missing file or YAML that does not parse`;

export function parseCliArgs(argv: string[]): CliArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        platform: { type: 'string' },
        'knowledge-base': { type: 'string' },
        format: { type: 'string', default: 'table' },
        fleet: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const [command, ...paths] = positionals;
  if (command !== 'evaluate') {
    throw new UsageError(
      command
        ? `unknown command "${command}"; the command is "evaluate"`
        : 'missing command "evaluate"',
    );
  }
  if (!paths.length)
    throw new UsageError('evaluate needs at least one file or directory');
  if (values.format !== 'table' && values.format !== 'json') {
    throw new UsageError(
      `--format must be table or json, not "${values.format}"`,
    );
  }
  return {
    command: 'evaluate',
    paths,
    platform: values.platform,
    knowledgeBase: values['knowledge-base'],
    format: values.format,
    fleet: values.fleet ?? false,
  };
}
