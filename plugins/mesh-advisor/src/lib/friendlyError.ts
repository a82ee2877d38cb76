import { statusOf, serverMessage } from './errors';

/**
 * A sentence a user can act on, for a failed call to the backend. The
 * browser's own "Failed to fetch" says nothing about what to do.
 */
export function friendlyError(error: unknown, what: string): string {
  const status = statusOf(error);
  if (status === undefined) {
    const message = serverMessage(error);
    if (/failed to fetch|network|load failed/i.test(message)) {
      return `Could not load ${what}: the Mesh Advisor backend did not answer. Check your connection, then retry.`;
    }
    return `Could not load ${what}: ${message}`;
  }
  if (status === 401 || status === 403) {
    return `You may not see ${what} (HTTP ${status}). Ask an admin for access.`;
  }
  if (status === 404) return `Could not find ${what} (HTTP 404).`;
  if (status >= 500) {
    return `The Mesh Advisor backend failed while loading ${what} (HTTP ${status}: ${serverMessage(
      error,
    )}). Retry in a moment.`;
  }
  return `Could not load ${what}: ${serverMessage(error)} (HTTP ${status}).`;
}
