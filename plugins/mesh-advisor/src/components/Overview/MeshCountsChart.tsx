import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import ButtonBase from '@material-ui/core/ButtonBase';
import Typography from '@material-ui/core/Typography';
import { makeStyles, Theme } from '@material-ui/core/styles';
import { MESH_IDS, MeshId } from '@mesh-advisor/plugin-mesh-advisor-common';
import { meshName } from '../../lib/meshNames';

const useStyles = makeStyles((theme: Theme) => ({
  row: {
    display: 'flex',
    alignItems: 'center',
    width: '100%',
    padding: theme.spacing(0.5, 0),
    borderRadius: theme.shape.borderRadius,
    '&:hover': { backgroundColor: theme.palette.action.hover },
  },
  selected: { backgroundColor: theme.palette.action.selected },
  label: { width: 160, textAlign: 'left', flexShrink: 0 },
  track: {
    flexGrow: 1,
    height: 14,
    backgroundColor: theme.palette.action.hover,
    borderRadius: theme.shape.borderRadius,
    overflow: 'hidden',
  },
  bar: {
    height: '100%',
    backgroundColor: theme.palette.primary.main,
  },
  count: { width: 56, textAlign: 'right', flexShrink: 0 },
}));

/** How many services each mesh is recommended for; click to filter. */
export function MeshCountsChart(props: {
  byMesh: Record<string, number>;
  /** every service the table lists, with or without a recommendation */
  total: number;
  selected?: MeshId;
  onSelect: (mesh: MeshId | undefined) => void;
}) {
  const classes = useStyles();
  const { byMesh, total, selected, onSelect } = props;
  const recommended = MESH_IDS.reduce((n, m) => n + (byMesh[m] ?? 0), 0);
  const max = Math.max(1, ...MESH_IDS.map(m => byMesh[m] ?? 0));
  return (
    <InfoCard
      titleTypographyProps={{ component: 'h2' }}
      title="Recommended mesh per service"
      subheader={`${recommended} of ${total} services have a recommendation${
        total > recommended
          ? ` (the other ${
              total - recommended
            } are invalid, excluded or blocked on every mesh)`
          : ''
      }. Click a bar to filter the table.`}
    >
      <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {MESH_IDS.map(mesh => {
          const count = byMesh[mesh] ?? 0;
          return (
            <li key={mesh}>
              <ButtonBase
                className={`${classes.row} ${
                  selected === mesh ? classes.selected : ''
                }`}
                aria-pressed={selected === mesh}
                onClick={() => onSelect(selected === mesh ? undefined : mesh)}
              >
                <Typography variant="body2" className={classes.label}>
                  {meshName(mesh)}
                </Typography>
                <span className={classes.track}>
                  <span
                    className={classes.bar}
                    style={{
                      width: `${(count / max) * 100}%`,
                      display: 'block',
                    }}
                  />
                </span>
                <Typography variant="body2" className={classes.count}>
                  {count} <Typography variant="srOnly">services</Typography>
                </Typography>
              </ButtonBase>
            </li>
          );
        })}
      </Box>
    </InfoCard>
  );
}
