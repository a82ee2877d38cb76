import { makeStyles, Theme } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import CancelIcon from '@material-ui/icons/Cancel';
import RemoveCircleIcon from '@material-ui/icons/RemoveCircleOutline';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import type { SupportLevel } from '@mesh-advisor/plugin-mesh-advisor-common';

const useStyles = makeStyles((theme: Theme) => ({
  yes: { color: theme.palette.success.main },
  partial: { color: theme.palette.warning.main },
  no: { color: theme.palette.error.main },
  unknown: { color: theme.palette.text.disabled },
}));

const ICONS = {
  yes: CheckCircleIcon,
  partial: RemoveCircleIcon,
  no: CancelIcon,
  unknown: HelpOutlineIcon,
};

/** yes · partial · no · unknown, as an icon with an accessible label. */
export function SupportLevelIcon(props: {
  level: SupportLevel;
  label: string;
}) {
  const classes = useStyles();
  const Icon = ICONS[props.level];
  return (
    <Icon
      fontSize="small"
      className={classes[props.level]}
      aria-label={props.label}
      titleAccess={props.label}
      role="img"
    />
  );
}
