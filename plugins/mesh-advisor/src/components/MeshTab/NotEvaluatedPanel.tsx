import { EmptyState } from '@backstage/core-components';
import Button from '@material-ui/core/Button';

/** The sweep has not reached this service yet. */
export function NotEvaluatedPanel(props: { onEvaluateNow: () => void }) {
  return (
    <EmptyState
      missing="data"
      title="Not evaluated yet"
      description="Mesh Advisor evaluates services on a schedule and has not reached this one yet. Evaluate it now to see the recommendation; nothing is stored until the next sweep."
      action={
        <Button
          variant="contained"
          color="primary"
          onClick={props.onEvaluateNow}
        >
          Evaluate now
        </Button>
      }
    />
  );
}
