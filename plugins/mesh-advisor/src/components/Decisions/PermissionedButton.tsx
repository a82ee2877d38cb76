import Button, { ButtonProps } from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';

/**
 * A button the user may not be allowed to press: disabled, with a tooltip
 * that says why, while the permission is denied or still being checked.
 */
export function PermissionedButton(
  props: ButtonProps & {
    allowed: boolean;
    permissionLoading?: boolean;
    deniedReason: string;
  },
) {
  const { allowed, permissionLoading, deniedReason, disabled, ...rest } = props;
  if (allowed) return <Button disabled={disabled} {...rest} />;
  return (
    <Tooltip
      title={permissionLoading ? 'Checking your permissions…' : deniedReason}
    >
      {/* a disabled button fires no events; the span carries the tooltip */}
      <span>
        <Button disabled {...rest} />
      </span>
    </Tooltip>
  );
}
