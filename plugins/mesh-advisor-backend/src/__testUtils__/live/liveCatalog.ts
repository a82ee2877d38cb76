import type { Entity } from '@backstage/catalog-model';
import { service } from './entities';

/**
 * Services whose workloads are in the fixture clusters (kubernetes-id =
 * name), each declaring what makes its drift state the one the tests expect.
 */
export function liveEntities(): Entity[] {
  const k = (id: string, more: Record<string, string> = {}) =>
    service(id, { 'backstage.io/kubernetes-id': id, ...more });
  return [
    k('payments', { 'mesh-advisor.io/requires': 'mtls' }), // west: half Linkerd → partially-meshed
    k('ratings', { 'mesh-advisor.io/requires': 'mtls' }), // east: unmeshed → unmeshed-but-required
    k('vote-bot', { 'mesh-advisor.io/requires': 'mtls, wasm' }), // west: Linkerd lacks wasm → blocked-mesh
    k('checkout', { 'mesh-advisor.io/requires': 'mtls' }), // east: Istio sidecar; decided Linkerd → drift
    k('reviews', { 'mesh-advisor.io/requires': 'mtls' }), // east: ambient with waypoint; decided ambient → as-decided
    k('productpage'), // east: unmeshed, needs nothing → undecided
    service('no-k8s'), // no annotation → unknown
  ];
}
