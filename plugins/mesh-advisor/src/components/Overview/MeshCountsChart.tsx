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
  selected?: MeshId;
  onSelect: (mesh: MeshId | undefined) => void;
}) {
  const classes = useStyles();
  const { byMesh, selected, onSelect } = props;
  const max = Math.max(1, ...MESH_IDS.map(m => byMesh[m] ?? 0));
  return (
    <InfoCard
      title="Recommended mesh per service"
      subheader="Click a bar to filter the table."
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
                aria-label={`${meshName(mesh)}: ${count} services`}
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
                  {count}
                </Typography>
              </ButtonBase>
            </li>
          );
        })}
      </Box>
    </InfoCard>
  );
}
