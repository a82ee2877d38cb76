import type {
  DriftState,
  MeshId,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type { Tone } from '../shared/tones';

/** Each drift state in words, with the tone it is shown in. */
export const DRIFT_LABELS: Record<
  DriftState,
  { label: string; tone: Tone; help: string }
> = {
  'as-decided': {
    label: 'As decided',
    tone: 'good',
    help: 'Every pod runs the mesh of the accepted decision.',
  },
  drift: {
    label: 'Drift',
    tone: 'bad',
    help: 'The service runs something other than its accepted decision.',
  },
  'unmeshed-but-required': {
    label: 'Unmeshed but required',
    tone: 'bad',
    help: 'The service declares a requirement only a mesh serves, and runs no mesh.',
  },
  'blocked-mesh': {
    label: 'Blocked mesh',
    tone: 'bad',
    help: 'The service runs a mesh that has a hard blocker for its declared needs.',
  },
  'partially-meshed': {
    label: 'Partially meshed',
    tone: 'warn',
    help: 'Some pods are meshed, some are not.',
  },
  unknown: {
    label: 'Unknown',
    tone: 'neutral',
    help: 'No workloads found, or its clusters could not be read.',
  },
  undecided: {
    label: 'No decision',
    tone: 'info',
    help: 'Consistent and unblocked; no accepted decision to compare with.',
  },
};

const MESH_NAMES: Record<MeshId, string> = {
  'istio-ambient': 'Istio ambient',
  'istio-sidecar': 'Istio sidecar',
  linkerd: 'Linkerd',
  cilium: 'Cilium',
  none: 'No mesh',
};

/** A mesh's display name; an em dash for none known. */
export function meshName(mesh: MeshId | null | undefined): string {
  return mesh ? MESH_NAMES[mesh] ?? mesh : '—';
}
