import { Readable } from 'node:stream';
import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type {
  DocumentCollatorFactory,
  IndexableDocument,
} from '@backstage/plugin-search-common';
import type {
  Decision,
  DecisionStatus,
  MeshId,
} from '@mesh-advisor/plugin-mesh-advisor-common';

/** The search document type of Mesh Advisor's decisions. @public */
export const MESH_DECISION_DOCUMENT_TYPE = 'mesh-decision';

/**
 * A mesh adoption decision in the search index. `text` reads as a sentence
 * ("payments-api adopts Linkerd (accepted) — …") so a search for
 * "payments linkerd" finds it.
 * @public
 */
export interface MeshDecisionDocument extends IndexableDocument {
  decisionId: string;
  entityRef: string;
  mesh: MeshId;
  meshName: string;
  status: DecisionStatus;
  author: string;
  createdAt: string;
}

const MESH_NAMES: Record<MeshId, string> = {
  'istio-ambient': 'Istio ambient',
  'istio-sidecar': 'Istio sidecar',
  linkerd: 'Linkerd',
  cilium: 'Cilium',
  none: 'no mesh',
};

/** @public */
export interface MeshDecisionCollatorFactoryOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  /** decisions read per request (1–500; default 500) */
  pageSize?: number;
}

/**
 * Reads every decision from Mesh Advisor's REST API, page by page, as the
 * search plugin itself, and hands them to the indexer. Each document carries
 * its entity as `authorization.resourceRef`, so search shows a decision only
 * to those who may read the entity (`catalog.entity.read`), as Mesh Advisor
 * does.
 * @public
 */
export class MeshDecisionCollatorFactory implements DocumentCollatorFactory {
  readonly type = MESH_DECISION_DOCUMENT_TYPE;
  readonly visibilityPermission = catalogEntityReadPermission;

  private constructor(
    private readonly options: Required<MeshDecisionCollatorFactoryOptions>,
  ) {}

  static fromOptions(options: MeshDecisionCollatorFactoryOptions) {
    return new MeshDecisionCollatorFactory({ pageSize: 500, ...options });
  }

  async getCollator(): Promise<Readable> {
    return Readable.from(this.documents());
  }

  private async *documents(): AsyncGenerator<MeshDecisionDocument> {
    const { discovery, auth, pageSize } = this.options;
    const baseUrl = await discovery.getBaseUrl('mesh-advisor');
    let cursor: string | null = null;
    do {
      // a fresh token per page: a large index outlives one
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: await auth.getOwnServiceCredentials(),
        targetPluginId: 'mesh-advisor',
      });
      const query = new URLSearchParams({ limit: String(pageSize) });
      if (cursor) query.set('cursor', cursor);
      const res = await fetch(`${baseUrl}/decisions?${query}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw await ResponseError.fromResponse(res);
      const page = (await res.json()) as {
        items: Decision[];
        nextCursor: string | null;
      };
      for (const d of page.items) yield toDocument(d);
      cursor = page.nextCursor;
    } while (cursor);
  }
}

/**
 * Where the decision shows: the entity's Mesh tab. Search engines key
 * documents by location (Lunr's ref), so each decision gets its own anchor.
 */
function decisionPath(d: Decision): string {
  const { kind, namespace, name } = parseEntityRef(d.entityRef);
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLocaleLowerCase('en-US'),
  )}/${encodeURIComponent(name)}/mesh#decision-${encodeURIComponent(d.id)}`;
}

/** @public */
export function toDocument(d: Decision): MeshDecisionDocument {
  const { name } = parseEntityRef(d.entityRef);
  const meshName = MESH_NAMES[d.chosen] ?? d.chosen;
  return {
    title: d.title,
    text: [`${name} adopts ${meshName} (${d.status}).`, d.rationale, d.context]
      .filter(Boolean)
      .join(' — '),
    location: decisionPath(d),
    decisionId: d.id,
    entityRef: d.entityRef,
    mesh: d.chosen,
    meshName,
    status: d.status,
    author: d.author,
    createdAt: d.createdAt,
    authorization: { resourceRef: d.entityRef },
  };
}
