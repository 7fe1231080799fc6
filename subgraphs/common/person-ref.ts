/** Lower-cases a work email so every subgraph uses the same Person key. */
export function personKey(email: string | null | undefined): string | null {
  if (!email) return null;
  const trimmed = email.trim().toLowerCase();
  return trimmed === '' ? null : trimmed;
}
