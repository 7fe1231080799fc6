import { z } from 'zod';

/**
 * The `pmo.healthOverride` project property: a PM's "I know, here is why" on a project's health. It sits beside
 * `pmo.profile` so it is read in the same `/project/search?properties=` call, costing no extra request. Like the
 * profile, whatever is stored is validated on read: a value that is not an override reads as none.
 */

export const HEALTH_OVERRIDE_PROPERTY = 'pmo.healthOverride';

const RAG = z.enum(['GREEN', 'AMBER', 'RED']);

export interface HealthOverride {
  overall: 'GREEN' | 'AMBER' | 'RED';
  reason: string;
  /** Lower-cased email (or the caller's subject when it has none) of who set it. */
  author: string;
  /** ISO timestamp it was set. */
  setAt: string;
  /** ISO date (inclusive) after which it no longer applies. */
  expires: string;
}

const overrideSchema = z.object({
  overall: RAG,
  reason: z.string().trim().min(1),
  author: z.string().trim().min(1),
  setAt: z.string(),
  expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

export function parseHealthOverride(value: unknown): HealthOverride | null {
  const parsed = overrideSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
