import { z } from 'zod';
import { CAPABILITIES, COMPANION_IDS, MESH_IDS } from '../vocabulary';
import {
  capabilityFactSchema,
  capabilitySchema,
  maturityLevelSchema,
  supportLevelSchema,
} from './capabilitySchema';
import { referenceIssues } from './crossReferences';
import {
  figureBasisSchema,
  figureSchema,
  overheadFigureSchema,
} from './figureSchema';
import { coherenceSchema, guidanceSchema } from './guidanceSchema';
import { meshSchema } from './meshSchema';
import {
  disagreementSchema,
  isoDate,
  sourceId,
  sourceSchema,
} from './sourceSchema';

/**
 * The knowledge base's shape. Every fact carries the source it comes from and
 * the version it holds for; a cell nobody sourced is `unknown`, never `yes`.
 * Each section's schema is in its own file (sources, capabilities, figures,
 * meshes, guidance and coherence); the references between sections are
 * checked by crossReferences.ts.
 */

/** The knowledge base file: `data/knowledge-base.yaml`. @public */
export const knowledgeBaseSchema = z
  .strictObject({
    version: z
      .string()
      .regex(
        /^\d{4}\.\d{1,2}\.\d+(-[a-z0-9.-]+)?$/,
        'a version like 2026.11.0 or 2026.11.0-acme.1',
      ),
    asOf: isoDate,
    sources: z.record(sourceId, sourceSchema),
    meshes: z.record(z.enum([...MESH_IDS, ...COMPANION_IDS]), meshSchema),
    capabilities: z.record(z.enum(CAPABILITIES), capabilitySchema),
    guidance: guidanceSchema,
    coherence: coherenceSchema,
    disagreements: z.array(disagreementSchema).default([]),
  })
  .superRefine((kb, ctx) => {
    for (const issue of referenceIssues(kb))
      ctx.addIssue({ code: 'custom', ...issue });
  });

/** @public */
export type KnowledgeBase = z.infer<typeof knowledgeBaseSchema>;
/** @public */
export type MeshFacts = z.infer<typeof meshSchema>;
/** @public */
export type CapabilityFact = z.infer<typeof capabilityFactSchema>;
/** @public */
export type SupportLevel = z.infer<typeof supportLevelSchema>;
/** @public */
export type MaturityLevel = z.infer<typeof maturityLevelSchema>;
/** @public */
export type Figure = z.infer<typeof figureSchema>;
/** @public */
export type OverheadFigure = z.infer<typeof overheadFigureSchema>;
/** @public */
export type FigureBasis = z.infer<typeof figureBasisSchema>;
/** @public */
export type Source = z.infer<typeof sourceSchema>;
