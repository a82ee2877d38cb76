import { z } from 'zod';
import { MESH_IDS, MeshId } from './vocabulary';

/** How much each part of the score counts; they need not add up to 100. @public */
export type ScoreWeights = {
  requirements: number;
  preferences: number;
  overhead: number;
  operations: number;
  platform: number;
};

/** @public */
export const DEFAULT_WEIGHTS: ScoreWeights = {
  requirements: 35,
  preferences: 15,
  overhead: 25,
  operations: 15,
  platform: 10,
};

/**
 * Which releases the platform may run: only stable releases the open-source
 * project ships itself, or also stable releases a vendor ships under a
 * subscription (the default).
 * @public
 */
export const RELEASE_POLICIES = [
  'open-source-stable',
  'vendor-supported-ok',
] as const;

/** @public */
export type ReleasePolicy = (typeof RELEASE_POLICIES)[number];

/**
 * The platform a service runs on. The backend reads it from
 * `meshAdvisor.platform` in app-config and fills `serviceCount` from the catalog.
 * @public
 */
export type PlatformContext = {
  /** The cluster CNI, e.g. `cilium`, `calico`, `aws-vpc-cni`, `other`. */
  cni: string;
  /** The mesh the platform runs today. */
  currentMesh: MeshId;
  /** How many clusters the platform spans; above 1, every mesh must span them (multi-cluster counts as a hard requirement). */
  clusters: number;
  /** Which releases the platform may run (default `vendor-supported-ok`); `open-source-stable` costs a mesh whose stable releases need a subscription. */
  releasePolicy?: ReleasePolicy;
  /** How many services the platform has (the backend counts them in the catalog). */
  serviceCount?: number;
  /** Below this many services a mesh must earn its place; defaults to the knowledge base's sourced guidance. */
  smallPlatformThreshold?: number;
  /** Overrides of the score weights. */
  weights?: Partial<ScoreWeights>;
};

/** @public */
export const DEFAULT_PLATFORM: PlatformContext = {
  cni: 'other',
  currentMesh: 'none',
  clusters: 1,
};

const weight = z.number().min(0).max(100);

/** Validates a platform context from config, a file or a request body. @public */
export const platformContextSchema = z.strictObject({
  cni: z.string().trim().min(1).toLowerCase().optional(),
  currentMesh: z.enum(MESH_IDS).optional(),
  clusters: z.number().int().min(1).optional(),
  releasePolicy: z.enum(RELEASE_POLICIES).optional(),
  serviceCount: z.number().int().min(0).optional(),
  smallPlatformThreshold: z.number().int().min(0).optional(),
  weights: z
    .strictObject({
      requirements: weight.optional(),
      preferences: weight.optional(),
      overhead: weight.optional(),
      operations: weight.optional(),
      platform: weight.optional(),
    })
    .optional(),
});

/** A platform context as given by a user: every field optional. @public */
export type PlatformContextInput = z.infer<typeof platformContextSchema>;

/** Fills the defaults in. @public */
export function resolvePlatform(
  input: PlatformContextInput | Partial<PlatformContext> | undefined,
): PlatformContext {
  return {
    ...DEFAULT_PLATFORM,
    ...Object.fromEntries(
      Object.entries(input ?? {}).filter(([, v]) => v !== undefined),
    ),
  } as PlatformContext;
}
