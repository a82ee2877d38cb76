import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import meshAdvisorPlugin from '@mesh-advisor/plugin-mesh-advisor/alpha';
import { navModule } from './modules/nav';

// Other features are discovered from package.json (app.packages: all).
export default createApp({
  features: [catalogPlugin, meshAdvisorPlugin, navModule],
});
