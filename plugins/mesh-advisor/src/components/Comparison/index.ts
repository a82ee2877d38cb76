export { CapabilityComparisonTable } from './CapabilityComparisonTable';
export { GuidanceCard } from './GuidanceCard';
