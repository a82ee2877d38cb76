import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /** Mesh Advisor's adoption decisions in Backstage search. */
      meshAdvisorDecisions?: {
        /** When the decisions are re-indexed. Default: every 10 minutes, first 15 seconds after start. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
