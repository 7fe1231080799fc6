import { z } from 'zod';
import type { PmoProfile } from './models';

/**
 * The `pmo.profile` project property. Anyone with project admin rights can write a project property, so
 * what comes back is validated: absent members read as null, phases and emails are normalised, and a value
 * that is not a profile at all becomes a null profile rather than an error for the whole project list.
 */

const PHASES = ['INITIATING', 'PLANNING', 'EXECUTING', 'CLOSING', 'CLOSED'] as const;

const email = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[^\s@]+@[^\s@]+$/);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => !Number.isNaN(Date.parse(v)));

const profileSchema = z.object({
  phase: z.preprocess((v) => (typeof v === 'string' ? v.trim().toUpperCase() : v), z.enum(PHASES).nullish()),
  priority: z.number().int().nullish(),
  sponsorEmail: email.nullish(),
  plannedStart: isoDate.nullish(),
  plannedEnd: isoDate.nullish(),
  team: z
    .array(z.object({ email, role: z.string(), allocation: z.number().min(0).max(100).nullish() }))
    .nullish(),
});

export function parseProfile(value: unknown): PmoProfile | null {
  const parsed = profileSchema.safeParse(value);
  if (!parsed.success) return null;
  const p = parsed.data;
  return {
    phase: p.phase ?? null,
    priority: p.priority ?? null,
    sponsorEmail: p.sponsorEmail ?? null,
    plannedStart: p.plannedStart ?? null,
    plannedEnd: p.plannedEnd ?? null,
    team: (p.team ?? []).map((m) => ({ email: m.email, role: m.role, allocation: m.allocation ?? null })),
  };
}

/** The property value as stored: the profile with emails lower-cased, so it joins on Person.email. */
export function profileValue(profile: PmoProfile): PmoProfile {
  return {
    ...profile,
    sponsorEmail: profile.sponsorEmail?.toLowerCase() ?? null,
    team: profile.team.map((m) => ({ ...m, email: m.email.toLowerCase() })),
  };
}
