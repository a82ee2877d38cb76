import type { Capability, Exposure, OpsCapacity } from './vocabulary';

/**
 * What a service declares it needs from a mesh, parsed from its
 * `mesh-advisor.io/*` annotations. Malformed values are left out here and
 * reported as {@link ValidationIssue}s.
 * @public
 */
export type Requirements = {
  requires: Capability[];
  prefers: Capability[];
  latencyBudgetMs?: number;
  replicas?: number;
  rps?: number;
  opsCapacity?: OpsCapacity;
  exposure: Exposure;
  exclude: boolean;
};

/**
 * A malformed annotation value: names the annotation, the bad value, the
 * allowed values and, when one is close, what was probably meant.
 * @public
 */
export type ValidationIssue = {
  annotation: string;
  value: string;
  message: string;
  allowed?: string[];
  suggestion?: string;
};

/** @public */
export type ParsedAnnotations = {
  requirements: Requirements;
  issues: ValidationIssue[];
};
