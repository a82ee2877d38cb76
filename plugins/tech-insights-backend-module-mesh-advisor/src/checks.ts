import type { TechInsightJsonRuleCheck } from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import { MESH_ADVISOR_FACT_RETRIEVER_ID } from './meshAdvisorFactRetriever';

const booleanCheck = (
  id: string,
  name: string,
  description: string,
  fact: string,
): TechInsightJsonRuleCheck => ({
  id,
  type: 'json-rules-engine',
  name,
  description,
  factIds: [MESH_ADVISOR_FACT_RETRIEVER_ID],
  rule: {
    conditions: { all: [{ fact, operator: 'equal', value: true }] },
  },
});

/**
 * Ready-made scorecard checks on Mesh Advisor's facts, for the json-rules-engine
 * fact checker. The same checks, as app-config, are in this package's README.
 * @public
 */
export const meshAdvisorChecks: TechInsightJsonRuleCheck[] = [
  booleanCheck(
    'meshDecisionRecorded',
    'Mesh decision recorded',
    'An accepted mesh adoption decision is in force for the service',
    'decisionRecorded',
  ),
  booleanCheck(
    'meshAnnotationsValid',
    'Mesh annotations valid',
    'Every mesh-advisor.io/* annotation of the service is well-formed',
    'annotationsValid',
  ),
  booleanCheck(
    'meshHardRequirementsMet',
    'Mesh requirements met',
    "The recommended mesh meets every one of the service's hard requirements",
    'hardRequirementsMet',
  ),
];
