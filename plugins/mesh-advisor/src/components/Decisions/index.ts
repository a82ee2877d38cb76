export { DecisionsCard, DecisionsPanel } from './DecisionsCard';
export { DecisionsList } from './DecisionsList';
