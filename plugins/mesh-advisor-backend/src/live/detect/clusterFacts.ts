import type { DetectedCni } from '@mesh-advisor/plugin-mesh-advisor-common';
import type { DaemonSetLike } from '../kubeObjects';

/** What a cluster's DaemonSets say about its network and its node proxies. */
export type ClusterFacts = {
  cni: DetectedCni | null;
  /** `namespace/name` of the DaemonSet the CNI was recognised by */
  cniEvidence: string | null;
  ztunnel: boolean;
  ciliumEnvoy: boolean;
  ciliumMutualAuth: boolean;
};

// The DaemonSet names the CNIs install under, from their own manifests and
// Helm charts; checked in this order so a chained CNI (Cilium over aws-node)
// reports the one that owns the policy plane.
const CNI_DAEMONSETS: Array<[DetectedCni, RegExp]> = [
  ['cilium', /^cilium$/],
  ['calico', /^calico-node$/],
  ['aws-vpc-cni', /^aws-node$/],
  ['azure-cni', /^(azure-cns|azure-ip-masq-agent|azure-vnet)/],
  ['flannel', /^(kube-flannel-ds|kube-flannel|flannel)/],
];

// Other CNIs we recognise but the engine has no row for.
const OTHER_CNI = /^(weave-net|kube-router|antrea-agent|canal)$/;

function imageOf(ds: DaemonSetLike): string {
  return ds.spec?.template?.spec?.containers?.map(c => c.image).join(' ') ?? '';
}

/** Reads the CNI, ztunnel and Cilium's mesh parts from one cluster's DaemonSets. */
export function clusterFacts(daemonSets: DaemonSetLike[]): ClusterFacts {
  const ref = (ds: DaemonSetLike) =>
    `${ds.metadata.namespace ?? 'default'}/${ds.metadata.name}`;
  let cni: DetectedCni | null = null;
  let cniEvidence: string | null = null;
  for (const [id, pattern] of CNI_DAEMONSETS) {
    const ds = daemonSets.find(d => pattern.test(d.metadata.name));
    if (ds) {
      cni = id;
      cniEvidence = ref(ds);
      break;
    }
  }
  if (!cni) {
    const ds = daemonSets.find(d => OTHER_CNI.test(d.metadata.name));
    if (ds) {
      cni = 'other';
      cniEvidence = ref(ds);
    }
  }
  const named = (re: RegExp) =>
    daemonSets.some(
      d =>
        re.test(d.metadata.name) ||
        re.test(d.metadata.labels?.['app.kubernetes.io/name'] ?? '') ||
        re.test(d.metadata.labels?.app ?? ''),
    );
  return {
    cni,
    cniEvidence,
    ztunnel: named(/^ztunnel$/),
    // Cilium's Envoy runs as its own DaemonSet (envoy.enabled, default since
    // 1.16) or embedded in the agent: then the agent image is all we see.
    ciliumEnvoy:
      named(/^cilium-envoy$/) ||
      daemonSets.some(
        d =>
          d.metadata.name === 'cilium' &&
          /cilium-envoy|\/envoy/.test(imageOf(d)),
      ),
    // Mutual authentication installs SPIRE agents as a DaemonSet (Helm
    // authentication.mutual.spire.install), in `cilium-spire` by default.
    ciliumMutualAuth: daemonSets.some(
      d =>
        d.metadata.name === 'spire-agent' &&
        (d.metadata.namespace === 'cilium-spire' ||
          d.metadata.labels?.['app.kubernetes.io/part-of'] === 'cilium'),
    ),
  };
}
