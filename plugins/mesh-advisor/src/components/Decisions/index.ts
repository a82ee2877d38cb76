export { DecisionsCard } from './DecisionsCard';
export { DecisionsList } from './DecisionsList';
