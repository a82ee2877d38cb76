import { createRouteRef } from '@backstage/core-plugin-api';

/** The Mesh Advisor page (`/mesh-advisor`). */
export const rootRouteRef = createRouteRef({ id: 'mesh-advisor' });

/** The Mesh tab on an entity page (legacy frontend system). */
export const entityContentRouteRef = createRouteRef({
  id: 'mesh-advisor:entity-content',
});
