import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/**
 * An entity reference as a model writes it: `payments-api` means
 * `component:default/payments-api`, the usual subject of mesh advice.
 */
export function parseServiceRef(raw: string): CompoundEntityRef {
  try {
    return parseEntityRef(raw.trim(), {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch {
    throw new InputError(
      `entityRef: "${raw}" is not an entity reference like component:default/payments-api`,
    );
  }
}

/** The same, as a string: `component:default/payments-api`. */
export const serviceRef = (raw: string) =>
  stringifyEntityRef(parseServiceRef(raw));
