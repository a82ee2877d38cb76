import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';

/** "Previous" / "Next" for cursor pagination, with where we are. */
export function PageControls(props: {
  label: string;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  disabled?: boolean;
}) {
  const { label, hasPrevious, hasNext, onPrevious, onNext, disabled } = props;
  return (
    <Box
      display="flex"
      alignItems="center"
      justifyContent="flex-end"
      mt={1}
      component="nav"
      aria-label="Pagination"
    >
      <Typography variant="body2" color="textSecondary" role="status">
        {label}
      </Typography>
      <Box ml={2}>
        <Button
          size="small"
          onClick={onPrevious}
          disabled={disabled || !hasPrevious}
        >
          Previous
        </Button>
        <Button size="small" onClick={onNext} disabled={disabled || !hasNext}>
          Next
        </Button>
      </Box>
    </Box>
  );
}
