import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { SourceRef } from '@mesh-advisor/plugin-mesh-advisor-common';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'inline',
    margin: 0,
    padding: 0,
    listStyle: 'none',
    '& li': { display: 'inline', marginRight: theme.spacing(1) },
  },
}));

/** Sources without repeats, in the order given. */
export function uniqueSources(sources: SourceRef[]): SourceRef[] {
  const seen = new Set<string>();
  return sources.filter(s => {
    if (seen.has(s.id)) return false;
    seen.add(s.id);
    return true;
  });
}

/** One source a fact comes from, opened in a new tab. @public */
export function SourceLink(props: { source: SourceRef; label?: string }) {
  const { source, label } = props;
  return (
    <Link to={source.url} title={source.title} target="_blank" rel="noopener">
      {label ?? source.title}
    </Link>
  );
}

/** The sources a fact rests on, as small links. @public */
export function SourceLinks(props: { sources: SourceRef[]; max?: number }) {
  const classes = useStyles();
  const sources = uniqueSources(props.sources).slice(0, props.max ?? 3);
  if (!sources.length) return null;
  return (
    <Typography variant="caption" component="div" color="textSecondary">
      Sources:{' '}
      <ul className={classes.list}>
        {sources.map(s => (
          <li key={s.id}>
            <SourceLink source={s} />
          </li>
        ))}
      </ul>
    </Typography>
  );
}
