export interface Config {
  meshAdvisor?: {
    /**
     * What the catalog does with malformed mesh-advisor.io/* annotations:
     * `error` (default) reports them as entity errors, so the catalog keeps the
     * last valid version of the entity; `warn` only logs them and keeps the
     * entity, and the Mesh tab shows the problems and their fixes.
     */
    annotationErrors?: 'error' | 'warn';
  };
}
