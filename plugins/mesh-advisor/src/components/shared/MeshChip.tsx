import Chip from '@material-ui/core/Chip';
import type { MeshId } from '@mesh-advisor/plugin-mesh-advisor-common';
import { meshName } from '../../lib/meshNames';

/** @public */
export type MeshChipProps = {
  mesh: MeshId | string;
  /** the display name; defaults to the knowledge base's */
  name?: string;
  /** highlight: the recommendation or the decision in force */
  primary?: boolean;
  size?: 'small' | 'medium';
};

/** A mesh, named as the knowledge base names it. @public */
export function MeshChip(props: MeshChipProps) {
  const { mesh, name, primary, size = 'small' } = props;
  return (
    <Chip
      label={name ?? meshName(mesh)}
      size={size}
      color={primary ? 'primary' : 'default'}
      variant={primary ? 'default' : 'outlined'}
      data-mesh={mesh}
    />
  );
}
