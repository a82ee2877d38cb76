import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';

/** Ownership claims per user, as the sign-in resolver would put them in the token; tests fill it. */
export const OWNERSHIP_CLAIMS: Record<string, string[]> = {};

/** The user info the permission backend hands to the policy, from {@link OWNERSHIP_CLAIMS}. */
export const userInfoWithClaims = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const userEntityRef = credentials.principal.userEntityRef;
      return {
        userEntityRef,
        ownershipEntityRefs: OWNERSHIP_CLAIMS[userEntityRef] ?? [userEntityRef],
      };
    },
  }),
});

/**
 * The mock HttpAuthService turns a plugin's on-behalf-of token into plain user
 * credentials; the real one keeps the plugin as the `actor`, and the
 * permission backend relies on that to tell a plugin asking for a user (may
 * ask without a resourceRef) from the user asking directly. Restore it.
 */
const SERVICE_TOKEN = 'mock-service-token:';
export const onBehalfOfHttpAuth = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }) => {
    const inner = mockServices.httpAuth({ pluginId: plugin.getId() });
    return {
      ...inner,
      issueUserCookie: inner.issueUserCookie.bind(inner),
      async credentials(req: any, options?: any) {
        const token = String(req.headers.authorization ?? '').match(
          /^Bearer (\S+)$/,
        )?.[1];
        if (token?.startsWith(SERVICE_TOKEN)) {
          const { sub, obo, target } = JSON.parse(
            token.slice(SERVICE_TOKEN.length),
          );
          if (
            obo &&
            (!target || target === plugin.getId()) &&
            (!options?.allow || options.allow.includes('user'))
          ) {
            return mockCredentials.user(obo, { actor: { subject: sub } });
          }
        }
        return inner.credentials(req, options);
      },
    } as typeof inner;
  },
});
