import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import type {
  CapabilityFact,
  KnowledgeBase,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { SupportLevelIcon } from '../shared';

/** One mesh's support for one capability: level icon, note, first source. */
export function CapabilityCell(props: {
  fact: CapabilityFact | undefined;
  meshName: string;
  knowledgeBase: KnowledgeBase;
}) {
  const { fact, meshName, knowledgeBase } = props;
  if (!fact) {
    return <SupportLevelIcon level="unknown" label={`${meshName}: unknown`} />;
  }
  const source = fact.sources
    .map(id => ({ id, ...knowledgeBase.sources[id] }))
    .find(s => s.url);
  return (
    <Box display="inline-flex" alignItems="center">
      <Tooltip title={`${fact.note} (as of ${fact.version})`}>
        <span>
          <SupportLevelIcon
            level={fact.level}
            label={`${meshName}: ${fact.level}`}
          />
        </span>
      </Tooltip>
      {source && (
        <Link
          to={source.url}
          target="_blank"
          rel="noopener"
          title={source.title}
          aria-label={`Source: ${source.title}`}
        >
          <OpenInNewIcon style={{ fontSize: 12, marginLeft: 2 }} />
        </Link>
      )}
    </Box>
  );
}
