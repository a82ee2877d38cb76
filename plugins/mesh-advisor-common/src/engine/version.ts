/**
 * The engine's version: stored with every result and decision so they can be
 * traced to what produced them. Bump it whenever scoring or explanations change.
 * @public
 */
export const ENGINE_VERSION = '2.1.0';
