import type {
  DetectionEvidence,
  PodMeshState,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import type { ContainerLike, NamespaceLike, PodLike } from '../kubeObjects';
import type { ClusterFacts } from './clusterFacts';
import { imageVersion } from './imageVersion';

const DATAPLANE_MODE = 'istio.io/dataplane-mode';
const USE_WAYPOINT = 'istio.io/use-waypoint';

function describe(c: ContainerLike, kind: string): string {
  return `${kind} ${c.name}${c.image ? ` (${c.image})` : ''}`;
}

/** A proxy named `name`: a regular container, or an init container that keeps running (native sidecar). */
function findProxy(
  pod: PodLike,
  name: string,
): { container: ContainerLike; native: boolean } | null {
  const regular = pod.spec?.containers?.find(c => c.name === name);
  if (regular) return { container: regular, native: false };
  const native = pod.spec?.initContainers?.find(
    c => c.name === name && c.restartPolicy === 'Always',
  );
  return native ? { container: native, native: true } : null;
}

/**
 * Which mesh one pod is in, with the rule and what it saw. Sidecars win over
 * ambient (ztunnel skips pods that carry a sidecar); ambient needs the label
 * on the pod or its namespace, no `none` opt-out on the pod, and ztunnel in
 * the cluster; Cilium counts only where its mutual authentication runs and no
 * other mesh claims the pod.
 */
export function detectPodMesh(
  cluster: string,
  pod: PodLike,
  namespace: NamespaceLike | undefined,
  facts: ClusterFacts,
): PodMeshState {
  const base = {
    cluster,
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name,
  };
  const evidence: DetectionEvidence[] = [];

  const istio = findProxy(pod, 'istio-proxy');
  if (istio) {
    evidence.push({
      rule: istio.native ? 'istio-native-sidecar' : 'istio-sidecar-container',
      detail: describe(
        istio.container,
        istio.native
          ? 'native sidecar (init container, restartPolicy Always)'
          : 'container',
      ),
    });
    return {
      ...base,
      mesh: 'istio-sidecar',
      version: imageVersion(istio.container.image),
      waypoint: null,
      evidence,
    };
  }

  const linkerd = findProxy(pod, 'linkerd-proxy');
  if (linkerd) {
    evidence.push({
      rule: linkerd.native
        ? 'linkerd-native-sidecar'
        : 'linkerd-proxy-container',
      detail: describe(
        linkerd.container,
        linkerd.native
          ? 'native sidecar (init container, restartPolicy Always)'
          : 'container',
      ),
    });
    return {
      ...base,
      mesh: 'linkerd',
      version:
        imageVersion(linkerd.container.image) ??
        pod.metadata.annotations?.['linkerd.io/proxy-version'] ??
        null,
      waypoint: null,
      evidence,
    };
  }

  const podMode = pod.metadata.labels?.[DATAPLANE_MODE];
  const nsMode = namespace?.metadata.labels?.[DATAPLANE_MODE];
  if (podMode === 'ambient' || (nsMode === 'ambient' && podMode !== 'none')) {
    const onPod = podMode === 'ambient';
    const label = {
      rule: onPod
        ? ('istio-ambient-pod-label' as const)
        : ('istio-ambient-namespace-label' as const),
      detail: onPod
        ? `pod label ${DATAPLANE_MODE}=ambient`
        : `namespace ${base.namespace} label ${DATAPLANE_MODE}=ambient`,
    };
    if (!facts.ztunnel) {
      evidence.push(label, {
        rule: 'istio-ambient-no-ztunnel',
        detail: `no ztunnel DaemonSet in cluster ${cluster}: the label has no effect`,
      });
    } else {
      evidence.push(label);
      const waypoint = waypointOf(pod, namespace);
      if (waypoint) {
        evidence.push({
          rule: 'istio-waypoint',
          detail: `${waypoint.from} label ${USE_WAYPOINT}=${waypoint.name}`,
        });
      }
      return {
        ...base,
        mesh: 'istio-ambient',
        version: null,
        waypoint: waypoint?.name ?? null,
        evidence,
      };
    }
  } else if (podMode === 'none' && nsMode === 'ambient') {
    evidence.push({
      rule: 'istio-ambient-opted-out',
      detail: `pod label ${DATAPLANE_MODE}=none overrides namespace ${base.namespace}`,
    });
  }

  if (facts.cni === 'cilium' && !pod.spec?.hostNetwork) {
    // Mutual auth is what gives Cilium's pods a mesh identity (mTLS); its
    // Envoy alone runs on every recent install and says nothing per pod.
    if (facts.ciliumMutualAuth) {
      evidence.push({
        rule: 'cilium-mutual-auth',
        detail: `Cilium with mutual authentication (SPIRE agents) in cluster ${cluster}`,
      });
      return {
        ...base,
        mesh: 'cilium',
        version: null,
        waypoint: null,
        evidence,
      };
    }
    if (facts.ciliumEnvoy) {
      evidence.push({
        rule: 'cilium-envoy',
        detail: `Cilium's Envoy runs in cluster ${cluster}, without mutual authentication; L7 policy per pod is not visible from the pod`,
      });
    }
  }

  evidence.push({
    rule: 'no-mesh',
    detail: 'no proxy container, no ambient label in effect',
  });
  return { ...base, mesh: 'none', version: null, waypoint: null, evidence };
}

function waypointOf(
  pod: PodLike,
  namespace: NamespaceLike | undefined,
): { name: string; from: string } | null {
  const onPod = pod.metadata.labels?.[USE_WAYPOINT];
  // `none` on the pod opts it out of the namespace's waypoint
  if (onPod === 'none') return null;
  if (onPod) return { name: onPod, from: 'pod' };
  const onNs = namespace?.metadata.labels?.[USE_WAYPOINT];
  if (onNs && onNs !== 'none') {
    return { name: onNs, from: `namespace ${namespace!.metadata.name}` };
  }
  return null;
}
