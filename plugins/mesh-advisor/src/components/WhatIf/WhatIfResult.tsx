import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import type {
  EvaluationResult,
  MeshId,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { meshName } from '../../lib/meshNames';
import { MeshChip, ScoreBar } from '../shared';
import { BlockerList } from '../MeshTab/BlockerList';

/** The what-if ranking, compared with the stored pick. */
export function WhatIfResult(props: {
  result: EvaluationResult;
  currentTop?: MeshId;
}) {
  const { result, currentTop } = props;
  const top = result.ranking.find(c => !c.blocked);
  const rec = result.recommendation;
  return (
    <Box>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        mb={1}
        data-testid="what-if-top"
        data-mesh={rec?.mesh ?? top?.mesh ?? ''}
      >
        <Typography variant="subtitle1" component="span">
          Top pick:&nbsp;
        </Typography>
        {top ? (
          <MeshChip mesh={top.mesh} name={top.name} primary size="medium" />
        ) : (
          <Typography component="span">none meets every requirement</Typography>
        )}
        {currentTop && top && currentTop !== top.mesh && (
          <Box ml={1}>
            <Chip
              size="small"
              variant="outlined"
              label={`changed from ${meshName(currentTop)}`}
            />
          </Box>
        )}
      </Box>
      {rec && (
        <Typography variant="body2" paragraph>
          {rec.summary}
        </Typography>
      )}
      <Box component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
        {result.ranking.map(c => (
          <Box component="li" key={c.mesh} py={0.5}>
            <Box display="flex" alignItems="center">
              <Box width={180}>
                <Typography variant="body2">{c.name}</Typography>
              </Box>
              <Box flexGrow={1}>
                {c.blocked ? (
                  <Typography variant="body2" color="textSecondary">
                    blocked
                  </Typography>
                ) : (
                  <ScoreBar score={c.score} label={`${c.name} (what-if)`} />
                )}
              </Box>
            </Box>
            {c.blocked && <BlockerList blockers={c.blockers} />}
          </Box>
        ))}
      </Box>
    </Box>
  );
}
