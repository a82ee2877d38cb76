import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import type {
  MeshId,
  NewDecision,
} from '@mesh-advisor/plugin-mesh-advisor-common';

/** The kinds a decision can be about: a service, or a system or group deciding for many (platform scope). */
const DECIDABLE_KINDS = new Set(['component', 'system', 'group']);

/** The user a decision is filed or changed by: the caller. */
export function userRefOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
  };
  if (principal.type !== 'user' || !principal.userEntityRef) {
    // The router only lets users in here; a service has no one to name as author.
    throw new NotAllowedError('Only users can file or change decisions');
  }
  return principal.userEntityRef;
}

/** `Component:Default/Payments-API` → `component:default/payments-api`: refs are case-insensitive, stored lower-case like evaluations. */
export function normalizeEntityRef(raw: string, field = 'entityRef'): string {
  try {
    return stringifyEntityRef(parseEntityRef(raw.trim())).toLocaleLowerCase(
      'en-US',
    );
  } catch {
    throw new InputError(
      `${field}: "${raw}" is not an entity reference like component:default/payments-api`,
    );
  }
}

/** A user filter: `alice` and `user:default/alice` name the same user. */
export function normalizeUserRef(raw: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(raw.trim(), {
        defaultKind: 'user',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    throw new InputError(
      `author: "${raw}" is not a user reference like user:default/alice`,
    );
  }
}

/** A filed decision's fields as stored: checked, trimmed, the ref normalized. */
export type CheckedNewDecision = {
  entityRef: string;
  /** the entity's kind, lower case: component, system or group */
  kind: string;
  chosen: MeshId;
  title: string;
  context: string;
  rationale: string;
  /** without duplicates and without the chosen mesh */
  alternatives: MeshId[];
};

/** Checks what the schema cannot (the entity's kind, text once trimmed); 400 otherwise. */
export function checkNewDecision(body: NewDecision): CheckedNewDecision {
  const entityRef = normalizeEntityRef(body.entityRef);
  const kind = parseEntityRef(entityRef).kind;
  if (!DECIDABLE_KINDS.has(kind)) {
    throw new InputError(
      `entityRef: decisions are about a service (Component), a System or a Group; ${entityRef} is a ${kind}`,
    );
  }
  const title = body.title.replace(/\s+/g, ' ').trim();
  const rationale = body.rationale.trim();
  if (title.length < 3) throw new InputError('title: at least 3 characters');
  if (rationale.length < 3)
    throw new InputError('rationale: at least 3 characters');
  return {
    entityRef,
    kind,
    chosen: body.chosen,
    title,
    context: body.context?.trim() ?? '',
    rationale,
    alternatives: [...new Set(body.alternatives ?? [])].filter(
      a => a !== body.chosen,
    ),
  };
}
