import { makeStyles, Theme } from '@material-ui/core/styles';
import { readableTone } from '../shared/tones';

/** The styles of the coverage card, its tables, share bars and drift chips. */
export const useCoverageStyles = makeStyles((theme: Theme) => ({
  // the theme lets table text break anywhere: keep words whole
  table: {
    '& td, & th': { padding: theme.spacing(0.5, 1.5), wordBreak: 'normal' },
    '& th': { whiteSpace: 'nowrap' },
  },
  share: { display: 'flex', alignItems: 'center', minWidth: 140 },
  track: {
    flexGrow: 1,
    height: 10,
    marginRight: theme.spacing(1),
    backgroundColor: theme.palette.action.hover,
    borderRadius: theme.shape.borderRadius,
    overflow: 'hidden',
  },
  bar: {
    display: 'block',
    height: '100%',
    backgroundColor: theme.palette.primary.main,
  },
  percent: { width: 40, textAlign: 'right' },
  good: { color: readableTone(theme, 'good') },
  warn: { color: readableTone(theme, 'warn') },
  bad: { color: readableTone(theme, 'bad') },
  info: { color: readableTone(theme, 'info') },
  neutral: { color: readableTone(theme, 'neutral') },
}));

/** `n` as a whole percentage of `total` (0 of nothing). */
export const percent = (n: number, total: number) =>
  total ? Math.round((n / total) * 100) : 0;
