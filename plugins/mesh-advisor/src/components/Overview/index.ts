export { MeshAdvisorPage } from './MeshAdvisorPage';
