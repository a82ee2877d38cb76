import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  callChainDepths,
  createEvaluator,
  createFleetAccumulator,
  isService,
  KnowledgeBaseError,
  loadKnowledgeBase,
  platformContextSchema,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { parseCliArgs, USAGE, UsageError } from './args';
import { InputError, readEntities, readYamlFile } from './files';
import { fleetToJson, fleetToTable, toJson, toTable } from './format';

function depthOf(depths: Map<string, number>, e: Entity): number {
  try {
    return depths.get(stringifyEntityRef(e)) ?? 1;
  } catch {
    return 1;
  }
}

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** Runs the CLI; resolves to the exit code. Never throws. */
export async function run(argv: string[], io: Io): Promise<number> {
  try {
    const args = parseCliArgs(argv);
    if (args === 'help') {
      io.out(USAGE);
      return 0;
    }
    let platform;
    if (args.platform) {
      const parsed = platformContextSchema.safeParse(
        (await readYamlFile(args.platform)) ?? {},
      );
      if (!parsed.success) {
        const i = parsed.error.issues[0];
        throw new InputError(
          `${args.platform}: ${i.path.join('.') || '(root)'}: ${i.message}`,
        );
      }
      platform = parsed.data;
    }
    const knowledgeBase = args.knowledgeBase
      ? loadKnowledgeBase({
          override: await readYamlFile(args.knowledgeBase),
          overrideOrigin: args.knowledgeBase,
        })
      : loadKnowledgeBase();

    const { entities, files } = await readEntities(args.paths);
    if (!entities.length)
      throw new InputError(
        `no catalog entities found in ${
          files.length ? files.join(', ') : args.paths.join(', ')
        }`,
      );
    const services = entities.filter(isService).length;
    const evaluate = createEvaluator({
      knowledgeBase,
      platform: { serviceCount: services, ...platform },
    });
    const depths = callChainDepths(entities);
    const results = entities.map(e => evaluate(e, depthOf(depths, e)));

    if (args.fleet) {
      const fleet = createFleetAccumulator(knowledgeBase);
      results.forEach(r => fleet.add(r));
      const f = fleet.result();
      io.out(
        args.format === 'json'
          ? JSON.stringify(fleetToJson(f), null, 2)
          : fleetToTable(f),
      );
    } else {
      io.out(
        args.format === 'json'
          ? JSON.stringify(results.map(toJson), null, 2)
          : toTable(results),
      );
    }
    return results.some(r => r.issues.length) ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`mesh-advisor: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof InputError || e instanceof KnowledgeBaseError) {
      io.err(`mesh-advisor: ${e.message}`);
      return 2;
    }
    io.err(`mesh-advisor: unexpected error: ${(e as Error).stack ?? e}`);
    return 2;
  }
}
