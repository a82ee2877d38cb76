import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import { friendlyError } from '../../lib/friendlyError';

/** A failed load, said plainly, with a way to try again. */
export function ErrorWithRetry(props: {
  error: unknown;
  /** what failed to load: "the decisions about this service" */
  what: string;
  onRetry: () => void;
}) {
  const { error, what, onRetry } = props;
  return (
    <Alert
      severity="error"
      action={
        <Button color="inherit" size="small" onClick={onRetry}>
          Retry
        </Button>
      }
    >
      {friendlyError(error, what)}
    </Alert>
  );
}
