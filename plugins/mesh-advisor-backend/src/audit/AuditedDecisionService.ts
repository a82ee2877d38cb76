import type {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type {
  Decision,
  DecisionTransition,
  NewDecision,
} from '@mesh-advisor/plugin-mesh-advisor-common';
import { DecisionService, DecisionServiceDeps } from '../service/decisions';

/**
 * The decision service, with an audit event for every change: filing
 * (`decision-create`) and each transition (`decision-transition`), whether it
 * succeeds or is refused, from the REST API and from actions alike.
 *
 * Events carry who (`actor`, the user from the caller's credentials: the
 * auditor itself names the plugin when it has no HTTP request), what
 * (entity ref, decision id, mesh, action, versions) and never the free text
 * (title, rationale, notes).
 */
export class AuditedDecisionService extends DecisionService {
  private readonly auditor: AuditorService;

  constructor(deps: DecisionServiceDeps & { auditor: AuditorService }) {
    super(deps);
    this.auditor = deps.auditor;
  }

  override create(
    body: NewDecision,
    credentials: BackstageCredentials,
  ): Promise<Decision> {
    return this.audited(
      'decision-create',
      credentials,
      {
        entityRef: stringOrNull(body?.entityRef),
        chosen: stringOrNull(body?.chosen),
      },
      () => super.create(body, credentials),
    );
  }

  override transition(
    id: string,
    body: DecisionTransition,
    credentials: BackstageCredentials,
  ): Promise<Decision> {
    return this.audited(
      'decision-transition',
      credentials,
      {
        decisionId: id,
        action: stringOrNull(body?.action),
        expectedVersion:
          typeof body?.version === 'number' ? body.version : null,
        ...(body?.supersededBy
          ? { supersededBy: stringOrNull(body.supersededBy) }
          : {}),
      },
      () => super.transition(id, body, credentials),
    );
  }

  private async audited(
    eventId: string,
    credentials: BackstageCredentials,
    meta: JsonObject,
    run: () => Promise<Decision>,
  ): Promise<Decision> {
    const event = await this.auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      meta: { actor: actorOf(credentials), ...meta },
    });
    let decision: Decision;
    try {
      decision = await run();
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
    await event.success({
      meta: {
        decisionId: decision.id,
        entityRef: decision.entityRef,
        status: decision.status,
        version: decision.version,
      },
    });
    return decision;
  }
}

/** Who asked: the user, or the service acting on its own. */
function actorOf(credentials: BackstageCredentials): string | null {
  const p = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  return p.userEntityRef ?? p.subject ?? p.type ?? null;
}

/** A client-sent value as audit metadata: strings only, clipped. */
function stringOrNull(v: unknown): string | null {
  return typeof v === 'string' ? v.slice(0, 300) : null;
}
