import { z } from 'zod';

/** A key under `sources`: every fact names the documents it comes from by these. */
export const sourceId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'a source id (kebab-case)');
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

/** A document a fact comes from. */
export const sourceSchema = z.strictObject({
  url: z.url(),
  title: z.string().min(1),
  /** docs: project docs · release: release notes · study: independent or reproducible study · vendor: written by a party with a commercial interest · secondary: third-party summary */
  kind: z.enum(['docs', 'release', 'study', 'vendor', 'secondary', 'issue']),
  published: isoDate.optional(),
  /** true when the source predates 2025 and may be out of date */
  stale: z.boolean().optional(),
});

/** Where sources disagree on a fact: what each says, which we use and why. */
export const disagreementSchema = z.strictObject({
  topic: z.string().min(1),
  /** the fact id it concerns, e.g. `capability.mirroring.linkerd` or `mesh.linkerd.overhead.p99Ms` */
  fact: z.string().min(1),
  claims: z
    .array(z.strictObject({ source: sourceId, says: z.string().min(1) }))
    .min(2),
  weUse: z.string().min(1),
  why: z.string().min(1),
});
