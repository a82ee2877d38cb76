import { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import TableContainer from '@material-ui/core/TableContainer';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  hint: {
    display: 'none',
    [theme.breakpoints.down('xs')]: { display: 'block' },
  },
}));

/**
 * A table that scrolls sideways when the screen is narrow, says so on a
 * phone (clipped columns gave no hint before), and can be scrolled with the
 * keyboard (a focusable, named region).
 */
export function ScrollableTable(props: { label: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <Box>
      <Typography
        variant="caption"
        color="textSecondary"
        className={classes.hint}
      >
        Scroll sideways for every column.
      </Typography>
      <TableContainer tabIndex={0} role="region" aria-label={props.label}>
        {props.children}
      </TableContainer>
    </Box>
  );
}
