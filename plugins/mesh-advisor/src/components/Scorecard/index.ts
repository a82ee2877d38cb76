export {
  EntityMeshScorecard,
  MESH_ADVISOR_FACT_ID,
} from './EntityMeshScorecard';
export { MeshScorecard } from './MeshScorecard';
export type { ScorecardCheckResult } from './MeshScorecard';
