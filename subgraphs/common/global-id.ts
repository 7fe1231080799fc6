/**
 * The one scheme for `id: ID!`: `<Type>:<natural key>` (e.g. `Project:APOLLO`, `Person:ada@example.com`,
 * `Incident:INC0010001`, `TeamMember:APOLLO:ada@example.com`). Stable for as long as the upstream key is,
 * unique across the graph, and computed the same way by every subgraph that resolves it.
 */
export const globalId = (type: string, ...key: string[]): string => `${type}:${key.join(':')}`;

export const ID_DESCRIPTION = 'Globally unique and stable: `<Type>:<natural key>`, what a normalised client cache keys on.';
