import { CodeSnippet, EmptyState } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';

/** A minimal catalog-info.yaml that Mesh Advisor evaluates. */
export const EXAMPLE_CATALOG_INFO = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
  annotations:
    mesh-advisor.io/requires: "mtls, traffic-split"
    mesh-advisor.io/prefers: "tracing, golden-metrics"
    mesh-advisor.io/latency-budget-ms: "2"
    mesh-advisor.io/replicas: "6"
    mesh-advisor.io/ops-capacity: "low"
spec:
  type: service
  lifecycle: production
  owner: payments-team
`;

/** No services evaluated yet: how to get the first one in. */
export function AnnotateEmptyState() {
  return (
    <EmptyState
      missing="field"
      title="No services evaluated yet"
      description="Mesh Advisor evaluates every Component of type service in the catalog on a schedule. Declare what a service needs from a mesh with mesh-advisor.io annotations; the next sweep picks it up."
      action={
        <Box maxWidth={640}>
          <Typography variant="subtitle2" gutterBottom>
            Example catalog-info.yaml
          </Typography>
          <CodeSnippet
            text={EXAMPLE_CATALOG_INFO}
            language="yaml"
            showCopyCodeButton
          />
        </Box>
      }
    />
  );
}
