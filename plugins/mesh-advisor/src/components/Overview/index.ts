export { MeshAdvisorPage } from './MeshAdvisorPage';
export { ServicesOverview, DecisionsOverview } from './SubPages';
