/**
 * The `mesh-advisor` command line: lint and evaluate catalog files in CI.
 *
 * @packageDocumentation
 */
export { run } from './run';
export type { Io } from './run';
