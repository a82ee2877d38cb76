export { meshAdvisorApiRef } from './MeshAdvisorApi';
export type { MeshAdvisorApi } from './MeshAdvisorApi';
export { MeshAdvisorClient } from './MeshAdvisorClient';
export type * from './types';
