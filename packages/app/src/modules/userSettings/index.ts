import {
  ApiBlueprint,
  createFrontendModule,
  discoveryApiRef,
  errorApiRef,
  fetchApiRef,
  identityApiRef,
  storageApiRef,
} from '@backstage/frontend-plugin-api';
import { UserSettingsStorage } from '@backstage/plugin-user-settings';

/**
 * User settings (starred entities, …) stored by the user-settings backend.
 *
 * Replaces `api:app/user-settings-storage` from
 * `@backstage/plugin-app-module-user-settings`, which depends on the signals
 * API: this app has no signals plugin, so every page that reads the storage
 * API (the catalog, entity pages) failed with "No API factory available for
 * dependency apiRef{plugin.signal.service}". Without signals, settings
 * changed in another tab show up on the next load instead of live.
 */
export const userSettingsStorageModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    ApiBlueprint.make({
      name: 'user-settings-storage',
      params: defineParams =>
        defineParams({
          api: storageApiRef,
          deps: {
            discoveryApi: discoveryApiRef,
            fetchApi: fetchApiRef,
            errorApi: errorApiRef,
            identityApi: identityApiRef,
          },
          factory: deps => UserSettingsStorage.create(deps),
        }),
    }),
  ],
});
