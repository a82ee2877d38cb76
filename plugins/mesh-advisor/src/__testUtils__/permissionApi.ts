import type { PermissionApi } from '@backstage/plugin-permission-react';

/**
 * A permission API that allows exactly the permissions named in `allowed`
 * (all when omitted), and records what it was asked.
 */
export function fakePermissionApi(allowed?: string[]): PermissionApi & {
  requests: { permission: string; resourceRef?: string }[];
} {
  const requests: { permission: string; resourceRef?: string }[] = [];
  return {
    requests,
    async authorize(request) {
      const resourceRef =
        'resourceRef' in request ? (request.resourceRef as string) : undefined;
      requests.push({ permission: request.permission.name, resourceRef });
      const ok = !allowed || allowed.includes(request.permission.name);
      return { result: ok ? 'ALLOW' : 'DENY' };
    },
  };
}
