import { z } from 'zod';
import { sourceId } from './sourceSchema';

/** yes · partial (with caveats, a one-line qualifier says which) · no · unknown (nobody sourced it) */
export const supportLevelSchema = z.enum(['yes', 'partial', 'no', 'unknown']);

/** How far upstream has taken the feature that provides a capability. */
export const maturityLevelSchema = z.enum([
  'stable',
  'beta',
  'alpha',
  'experimental',
]);

/** The maturity upstream gives the feature, with the page that says so. */
export const maturitySchema = z.strictObject({
  level: maturityLevelSchema,
  sources: z.array(sourceId).min(1),
  /** optional one line: which feature, if the cell's note does not say */
  note: z.string().min(1).optional(),
});

/** One cell of the capability matrix: how one mesh supports one capability. */
export const capabilityFactSchema = z.strictObject({
  level: supportLevelSchema,
  /** one line: how, or what is missing */
  note: z.string().min(1),
  sources: z.array(sourceId).min(1),
  /** the mesh version the fact holds for */
  version: z.string().min(1),
  /**
   * The feature's upstream maturity. A hard requirement met only by an
   * alpha or experimental feature costs score and confidence.
   */
  maturity: maturitySchema.optional(),
});

/** A capability a service can require or prefer, and every mesh's support for it. */
export const capabilitySchema = z.strictObject({
  label: z.string().min(1),
  description: z.string().min(1),
  /** 7 when the capability needs HTTP-aware (L7) processing, 4 otherwise */
  layer: z.union([z.literal(4), z.literal(7)]),
  support: z.record(z.string(), capabilityFactSchema),
});
