export { MeshTab } from './MeshTab';
export { MeshAdvisorEntityCard } from './MeshAdvisorEntityCard';
