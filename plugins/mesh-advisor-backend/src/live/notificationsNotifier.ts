import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { LiveNotifier } from './notifier';

/**
 * Sends live-state notifications through Backstage's notifications backend,
 * to the service entity (resolved to its owners there). The scope makes a
 * repeat for the same service and topic update the earlier notification
 * rather than pile up.
 */
export function notificationsNotifier(
  notifications: NotificationService,
): LiveNotifier {
  return {
    send: n =>
      notifications.send({
        recipients: { type: 'entity', entityRef: n.entityRef },
        payload: {
          title: n.title,
          description: n.description,
          link: n.link,
          severity: n.severity,
          topic: `mesh-advisor:${n.topic}`,
          scope: `mesh-advisor:${n.entityRef.toLowerCase()}:${n.topic}`,
        },
      }),
  };
}
