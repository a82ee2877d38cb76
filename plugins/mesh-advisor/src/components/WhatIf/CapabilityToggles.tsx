import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  CAPABILITIES,
  Capability,
  KnowledgeBase,
  Requirements,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { CapabilityMode, modeOf } from '../../hooks/useWhatIf';

const MODES: CapabilityMode[] = ['required', 'preferred', 'off'];

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    flexWrap: 'wrap',
    borderLeft: '3px solid transparent',
    paddingLeft: theme.spacing(1),
  },
  edited: { borderLeftColor: theme.palette.primary.main },
  label: { minWidth: 180, flex: '1 1 180px' },
  radio: { padding: theme.spacing(0.5) },
  choice: { marginRight: theme.spacing(1.5), marginLeft: 0 },
  srOnly: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
}));

/**
 * required · preferred · off for every capability. Each capability is one
 * radio group: one Tab stop, arrow keys move between its modes. A bar on
 * the left and "(edited)" mark what differs from the service's annotations.
 */
export function CapabilityToggles(props: {
  requirements: Requirements;
  initial: Requirements;
  knowledgeBase: KnowledgeBase;
  onChange: (capability: Capability, mode: CapabilityMode) => void;
}) {
  const { requirements, initial, knowledgeBase, onChange } = props;
  const classes = useStyles();
  return (
    <Box role="group" aria-label="Capabilities">
      {CAPABILITIES.map(cap => {
        const info = knowledgeBase.capabilities[cap];
        const mode = modeOf(requirements, cap);
        const edited = mode !== modeOf(initial, cap);
        const labelId = `what-if-cap-${cap}`;
        const descriptionId = `${labelId}-description`;
        return (
          <Box
            key={cap}
            className={`${classes.row} ${edited ? classes.edited : ''}`}
            data-edited={edited}
          >
            <Typography
              variant="body2"
              id={labelId}
              className={classes.label}
              title={info?.description}
            >
              {info?.label ?? cap}{' '}
              <Typography
                component="span"
                variant="caption"
                color="textSecondary"
              >
                {cap}
                {edited ? ' · edited' : ''}
              </Typography>
            </Typography>
            <span id={descriptionId} className={classes.srOnly}>
              {info?.description}
            </span>
            <RadioGroup
              row
              name={labelId}
              value={mode}
              aria-labelledby={labelId}
              aria-describedby={descriptionId}
              onChange={e => onChange(cap, e.target.value as CapabilityMode)}
            >
              {MODES.map(m => (
                <FormControlLabel
                  key={m}
                  value={m}
                  className={classes.choice}
                  control={
                    <Radio
                      size="small"
                      className={classes.radio}
                      color="primary"
                    />
                  }
                  label={<Typography variant="body2">{m}</Typography>}
                />
              ))}
            </RadioGroup>
          </Box>
        );
      })}
    </Box>
  );
}
