import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type {
  KnowledgeBase,
  MeshFacts,
  MeshId,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { SourceLinks } from '../shared';

function Bullets(props: { items: string[]; label: string }) {
  if (!props.items.length) return null;
  return (
    <>
      <Typography variant="subtitle2">{props.label}</Typography>
      <Box component="ul" pl={2.5} mt={0.5}>
        {props.items.map(item => (
          <Typography component="li" variant="body2" key={item}>
            {item}
          </Typography>
        ))}
      </Box>
    </>
  );
}

/** One mesh's facts at a glance and when to choose or avoid it. */
// (Box's borderColor loses to its own border shorthand in MUI v4: the line
// came out in the text colour, black, or white on the dark theme)
const useStyles = makeStyles(theme => ({
  section: { border: `1px solid ${theme.palette.divider}` },
}));

export function MeshGuidance(props: {
  id: MeshId;
  mesh: MeshFacts;
  knowledgeBase: KnowledgeBase;
}) {
  const { id, mesh, knowledgeBase } = props;
  const classes = useStyles();
  const sources = mesh.guidanceSources
    .map(s => ({ id: s, ...knowledgeBase.sources[s] }))
    .filter(s => s.url);
  return (
    <Box
      component="section"
      aria-label={`${mesh.name} guidance`}
      p={1.5}
      className={classes.section}
      borderRadius={4}
      height="100%"
    >
      <Typography variant="h6">{mesh.name}</Typography>
      <Typography variant="caption" color="textSecondary" component="p">
        {id === 'none'
          ? 'No mesh'
          : `${mesh.version} · ${mesh.license.spdx} · complexity ${mesh.operationalComplexity.level}/5`}
      </Typography>
      {id !== 'none' && (
        <Typography variant="caption" color="textSecondary" component="p">
          {mesh.releaseModel.note}
        </Typography>
      )}
      <Box mt={1}>
        <Bullets label="Choose when" items={mesh.chooseWhen} />
        <Bullets label="Avoid when" items={mesh.avoidWhen} />
      </Box>
      <SourceLinks sources={sources} max={2} />
    </Box>
  );
}
