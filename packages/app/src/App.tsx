import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import meshAdvisorPlugin from '@mesh-advisor/plugin-mesh-advisor/alpha';
import { meshAdvisorModule } from './modules/meshAdvisor';
import { navModule } from './modules/nav';
import { searchModule } from './modules/search';
import { userSettingsStorageModule } from './modules/userSettings';

// Other features are discovered from package.json (app.packages: all).
// Modules listed here come after the discovered ones, so their extensions
// replace discovered extensions with the same id.
export default createApp({
  features: [
    catalogPlugin,
    meshAdvisorPlugin,
    meshAdvisorModule,
    navModule,
    searchModule,
    userSettingsStorageModule,
  ],
});
