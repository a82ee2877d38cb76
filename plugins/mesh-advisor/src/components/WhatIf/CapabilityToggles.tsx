import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import {
  CAPABILITIES,
  Capability,
  KnowledgeBase,
  Requirements,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { CapabilityMode, modeOf } from '../../hooks/useWhatIf';

const MODES: CapabilityMode[] = ['required', 'preferred', 'off'];

/** required · preferred · off, for every capability. */
export function CapabilityToggles(props: {
  requirements: Requirements;
  knowledgeBase: KnowledgeBase;
  onChange: (capability: Capability, mode: CapabilityMode) => void;
}) {
  const { requirements, knowledgeBase, onChange } = props;
  return (
    <Box role="group" aria-label="Capabilities">
      {CAPABILITIES.map(cap => {
        const info = knowledgeBase.capabilities[cap];
        return (
          <Box
            key={cap}
            display="flex"
            alignItems="center"
            justifyContent="space-between"
            py={0.25}
          >
            <Tooltip title={info?.description ?? ''} placement="left">
              <Typography variant="body2">{info?.label ?? cap}</Typography>
            </Tooltip>
            <ToggleButtonGroup
              size="small"
              exclusive
              value={modeOf(requirements, cap)}
              onChange={(_e, mode: CapabilityMode | null) => {
                if (mode) onChange(cap, mode);
              }}
              aria-label={`${cap} mode`}
            >
              {MODES.map(mode => (
                <ToggleButton
                  key={mode}
                  value={mode}
                  aria-label={`${cap}: ${mode}`}
                >
                  {mode}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
          </Box>
        );
      })}
    </Box>
  );
}
