import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';

/**
 * "Previous" / "Next" for cursor pagination, with where we are and, when
 * given, a choice of rows per page.
 */
export function PageControls(props: {
  label: string;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  disabled?: boolean;
  pageSize?: number;
  pageSizes?: readonly number[];
  onPageSizeChange?: (size: number) => void;
}) {
  const { label, hasPrevious, hasNext, onPrevious, onNext, disabled } = props;
  const { pageSize, pageSizes, onPageSizeChange } = props;
  return (
    <Box
      display="flex"
      alignItems="center"
      justifyContent="flex-end"
      flexWrap="wrap"
      mt={1}
      component="nav"
      aria-label="Pagination"
    >
      {pageSize && pageSizes && onPageSizeChange && (
        <Box mr={2}>
          <TextField
            select
            id="mesh-advisor-page-size"
            label="Rows per page"
            value={pageSize}
            onChange={e => onPageSizeChange(Number(e.target.value))}
            SelectProps={{ native: true }}
            // a native select always shows a value: keep the label above it
            InputLabelProps={{ shrink: true }}
            style={{ minWidth: 120 }}
            size="small"
            variant="outlined"
            margin="dense"
          >
            {pageSizes.map(s => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </TextField>
        </Box>
      )}
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
