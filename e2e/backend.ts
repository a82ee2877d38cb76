/*
 * Talking to the backend directly (no browser), as the guest user: the
 * shared client of scripts/lib/backendApi.mjs (which bench:ui and scripts/test
 * use too), plus what only the specs ask.
 */
import { BackendApi } from '../scripts/lib/backendApi.mjs';

export { waitFor } from '../scripts/lib/backendApi.mjs';
export type { Summary } from '../scripts/lib/backendApi.mjs';

export class Backend extends BackendApi {
  async hasEntity(ref: string): Promise<boolean> {
    const [kind, rest] = ref.split(':');
    const [namespace, name] = rest.split('/');
    const res = await this.request(
      'GET',
      `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
    );
    return res.ok;
  }
}
