import type { DriftState } from '@mesh-advisor/plugin-mesh-advisor-common';

/** The states owners are told about when a service enters them. */
export const NOTIFY_STATES: ReadonlySet<DriftState> = new Set([
  'drift',
  'unmeshed-but-required',
  'blocked-mesh',
]);

/** One owner notification. */
export type LiveNotification = {
  /** the service; the notifications backend resolves it to its owners */
  entityRef: string;
  topic: DriftState | 'decision-at-risk';
  title: string;
  description: string;
  /** the service's Mesh tab */
  link: string;
  severity: 'high' | 'normal';
};

/** Sends notifications (through `@backstage/plugin-notifications-node` in the plugin). */
export interface LiveNotifier {
  send(notification: LiveNotification): Promise<void>;
}

/** The Mesh tab of an entity, relative to the app's base URL. */
export function meshTabLink(entityRef: string): string {
  const m = entityRef.match(/^([^:]+):([^/]+)\/(.+)$/);
  if (!m) return '/mesh-advisor';
  const [, kind, namespace, name] = m;
  return `/catalog/${encodeURIComponent(namespace)}/${encodeURIComponent(
    kind.toLowerCase(),
  )}/${encodeURIComponent(name)}/mesh`;
}
