export { ActualStateCard } from './ActualStateCard';
export { EntityActualStateCard } from './EntityActualStateCard';
export { DRIFT_LABELS, meshName } from './driftLabels';
