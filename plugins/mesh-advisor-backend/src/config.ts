import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { InputError } from '@backstage/errors';
import {
  KnowledgeBase,
  KnowledgeBaseError,
  loadKnowledgeBase,
  PlatformContextInput,
  platformContextSchema,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { parse } from 'yaml';

/** The plugin's configuration, validated. */
export interface MeshAdvisorConfig {
  platform: PlatformContextInput;
  schedule: SchedulerServiceTaskScheduleDefinition;
  knowledgeBase: KnowledgeBase;
  knowledgeBaseSource: string;
  /** how long a replica reuses what it read (ms); 0: never */
  cacheMs: number;
}

const DEFAULT_CACHE_SECONDS = 2;
const MAX_CACHE_SECONDS = 60;

// Catalog changes are re-evaluated as they are announced (issue 17): the
// sweep only reconciles (deletions, missed events), so it runs hourly.
const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 60 },
  timeout: { minutes: 30 },
  initialDelay: { seconds: 15 },
};

/**
 * Reads `meshAdvisor.*`. Works unconfigured; a bad value throws at startup
 * with a message naming the key.
 */
export async function readMeshAdvisorConfig(
  config: Config,
): Promise<MeshAdvisorConfig> {
  const raw = config.getOptionalConfig('meshAdvisor');

  const platformRaw = raw?.getOptional('platform') ?? {};
  const parsed = platformContextSchema.safeParse(platformRaw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `Invalid config meshAdvisor.platform.${issue.path.join('.')}: ${
        issue.message
      }`,
    );
  }

  let schedule = DEFAULT_SCHEDULE;
  if (raw?.has('schedule')) {
    try {
      schedule = {
        ...DEFAULT_SCHEDULE,
        ...readSchedulerServiceTaskScheduleDefinitionFromConfig(
          withDefaults(raw.getConfig('schedule')),
        ),
      };
    } catch (e) {
      throw new InputError(
        `Invalid config meshAdvisor.schedule: ${(e as Error).message}`,
      );
    }
  }

  const kbPath = raw?.getOptionalString('knowledgeBase');
  let knowledgeBase: KnowledgeBase;
  if (kbPath) {
    const file = path.resolve(kbPath);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new InputError(
        `Invalid config meshAdvisor.knowledgeBase: cannot read ${file}`,
      );
    }
    try {
      knowledgeBase = loadKnowledgeBase({
        override: parse(text),
        overrideOrigin: file,
      });
    } catch (e) {
      const message =
        e instanceof KnowledgeBaseError
          ? e.message
          : `YAML does not parse: ${(e as Error).message}`;
      throw new InputError(
        `Invalid config meshAdvisor.knowledgeBase: ${message}`,
      );
    }
  } else {
    knowledgeBase = loadKnowledgeBase();
  }

  return {
    platform: parsed.data,
    schedule,
    knowledgeBase,
    knowledgeBaseSource: kbPath ? `bundled + ${kbPath}` : 'bundled',
    cacheMs: readCacheSeconds(raw) * 1000,
  };
}

function readCacheSeconds(raw: Config | undefined): number {
  if (!raw?.has('cacheSeconds')) return DEFAULT_CACHE_SECONDS;
  let value: number;
  try {
    value = raw.getNumber('cacheSeconds'); // numbers, and numeric strings from env
  } catch {
    value = NaN;
  }
  if (!(value >= 0 && value <= MAX_CACHE_SECONDS)) {
    throw new InputError(
      `Invalid config meshAdvisor.cacheSeconds: ${JSON.stringify(
        raw.get('cacheSeconds'),
      )} — expected a number of seconds from 0 to ${MAX_CACHE_SECONDS}`,
    );
  }
  return value;
}

/** `frequency` and `timeout` may be left out of `meshAdvisor.schedule`; the reader requires them. */
function withDefaults(schedule: Config): Config {
  return new ConfigReader({
    frequency: { minutes: 60 },
    timeout: { minutes: 30 },
    ...schedule.get<JsonObject>(),
  });
}
