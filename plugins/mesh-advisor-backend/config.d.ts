import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Mesh Advisor: service-mesh recommendations for catalog services. */
  meshAdvisor?: {
    /** The platform the services run on; the engine's platform context. */
    platform?: {
      /** The cluster CNI, e.g. cilium, calico, aws-vpc-cni, other. Default: other. */
      cni?: string;
      /** The mesh the platform runs today: istio-ambient, istio-sidecar, linkerd, cilium or none. Default: none. */
      currentMesh?: string;
      /** How many clusters the platform spans; above 1 every mesh must span them. Default: 1. */
      clusters?: number;
      /** open-source-stable: only stable releases the open-source project ships; vendor-supported-ok (default): a vendor's subscription releases are fine. */
      releasePolicy?: 'open-source-stable' | 'vendor-supported-ok';
      /** Below this many services a mesh must earn its place. Default: the knowledge base's sourced guidance. */
      smallPlatformThreshold?: number;
      /** Overrides of the score weights (0–100 each). */
      weights?: {
        requirements?: number;
        preferences?: number;
        overhead?: number;
        operations?: number;
        platform?: number;
      };
    };
    /** When the reconciling catalog sweep runs (changes announced by the catalog module are re-evaluated at once). Default: every 60 minutes (timeout 30), first 15 seconds after start. */
    schedule?: {
      frequency?: HumanDuration;
      timeout?: HumanDuration;
      initialDelay?: HumanDuration;
    };
    /** Path of a knowledge-base YAML file merged over the bundled one (relative to the backend's working directory). */
    knowledgeBase?: string;
    /**
     * How long each backend replica reuses the list pages, counts and summary
     * it read, in seconds (0–60). Writes through a replica clear its copies at
     * once; another replica's sweep or decision shows after at most this long.
     * 0 reads the database on every request. Default: 2.
     */
    cacheSeconds?: number;
  };
}
