import { z } from 'zod';
import { MESH_IDS } from '../vocabulary';
import { figureSchema } from './figureSchema';
import { sourceId } from './sourceSchema';

/** Sourced figures the engine applies to every service of a platform. */
export const guidanceSchema = z.strictObject({
  /** below this many services a mesh must earn its place */
  smallPlatformThreshold: figureSchema
    .omit({ unit: true })
    .extend({ unit: z.literal('services') }),
  /** assumed pods per node when attributing a per-node proxy's cost to one service */
  podsPerNode: figureSchema
    .omit({ unit: true })
    .extend({ unit: z.literal('pods') }),
});

/** A sourced cost the engine names (and scores) when advice crosses meshes. */
const coherenceCostSchema = z.strictObject({
  /** score points taken off the candidate that incurs it */
  points: z.number().min(0).max(100),
  /** one line: what it costs, shown as the reason */
  note: z.string().min(1),
  sources: z.array(sourceId).min(1),
});

/**
 * Platform coherence: which candidates are data-plane modes of one mesh
 * (one control plane, one trust domain), and what it costs to move a
 * service to the other mode, or to run a second mesh beside the installed one.
 */
export const coherenceSchema = z.strictObject({
  /** candidates that share a control plane and trust domain, e.g. istio: [istio-ambient, istio-sidecar] */
  families: z.record(z.string(), z.array(z.enum(MESH_IDS)).min(2)),
  /** moving a service to the other data-plane mode of the installed mesh */
  modeChange: coherenceCostSchema,
  /** running a second mesh beside the installed one for this service */
  secondMesh: coherenceCostSchema,
  /** the alternative to a second mesh: migrating the whole platform */
  migration: coherenceCostSchema.omit({ points: true }),
  /** a mesh whose stable releases need a subscription, on a platform whose policy is open-source stable releases */
  releasePolicy: coherenceCostSchema,
  /**
   * leaving a per-node mesh (a workload joins by label, no proxy in its pod):
   * no points — "no mesh" ranks after the installed mesh instead
   */
  leaveMesh: coherenceCostSchema.omit({ points: true }),
});
