/**
 * The version in an image reference: its tag, without a digest and without
 * a leading `v` (`cr.l5d.io/linkerd/proxy:edge-25.8.1` → `edge-25.8.1`,
 * `docker.io/istio/proxyv2:1.27.1-distroless` → `1.27.1-distroless`).
 * null for untagged or digest-only references.
 */
export function imageVersion(image: string | undefined): string | null {
  if (!image) return null;
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  if (colon < 0) return null;
  const tag = withoutDigest.slice(colon + 1);
  if (!tag) return null;
  return /^v\d/.test(tag) ? tag.slice(1) : tag;
}
