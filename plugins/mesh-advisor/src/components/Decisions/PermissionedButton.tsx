import { useId } from 'react';
import Box from '@material-ui/core/Box';
import Button, { ButtonProps } from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';

/**
 * A button the user may not be allowed to press: disabled while the
 * permission is denied or still being checked, with the reason written
 * beside it (a tooltip on a disabled button reaches neither keyboard nor
 * touch users) and tied to it with aria-describedby.
 */
export function PermissionedButton(
  props: ButtonProps & {
    allowed: boolean;
    permissionLoading?: boolean;
    deniedReason: string;
  },
) {
  const { allowed, permissionLoading, deniedReason, disabled, ...rest } = props;
  const reasonId = useId();
  if (allowed) return <Button disabled={disabled} {...rest} />;
  return (
    <Box display="inline-flex" alignItems="center" flexWrap="wrap">
      <Button disabled aria-describedby={reasonId} {...rest} />
      <Box ml={1} component="span" maxWidth={360}>
        <Typography
          id={reasonId}
          variant="caption"
          color="textSecondary"
          data-testid="disabled-reason"
        >
          {permissionLoading ? 'Checking your permissions…' : deniedReason}
        </Typography>
      </Box>
    </Box>
  );
}
