import { z } from 'zod';

/**
 * The published rules behind `Project.deliveryHealth`. Every threshold is here, with its default; a deployment
 * overrides any of them with a JSON file named by PROJECTS_HEALTH_RULES (same shape, any subset of keys).
 *
 * Schedule (worst rule wins):
 * - a milestone (Jira version) unreleased past its release date: `overdueMilestones.amber` or more → AMBER,
 *   `overdueMilestones.red` or more → RED;
 * - progress behind plan: % of issues done trails % of the planned duration elapsed by `progressLag.amber`
 *   percentage points → AMBER, by `progressLag.red` → RED (only between plannedStart and plannedEnd, and
 *   only with at least `progressLag.minIssues` issues);
 * - past the planned end and not yet CLOSING or CLOSED → RED;
 * - open issues past their due date: `overdueIssuesShare.amber` / `.red` of open issues → AMBER / RED.
 * Scope (worst rule wins):
 * - open issues blocked by an unresolved issue: `blockedShare.amber` / `.red` of open issues → AMBER / RED,
 *   and at least `blockedShare.minBlocked` blocked issues;
 * - work still to do late in the project: ≥ `lateScope.elapsed` of the time gone and ≥ `lateScope.toDoShare`
 *   of the issues not started → AMBER.
 * Overall is the worse of schedule and scope. Closed projects are GREEN.
 */

const band = z.object({ amber: z.number().min(0), red: z.number().min(0) });

export const healthRulesSchema = z
  .object({
    overdueMilestones: z.object({ amber: z.number().int().min(1), red: z.number().int().min(1) }),
    progressLag: band.extend({ minIssues: z.number().int().min(0) }),
    overdueIssuesShare: band,
    blockedShare: band.extend({ minBlocked: z.number().int().min(1) }),
    lateScope: z.object({ elapsed: z.number().min(0).max(1), toDoShare: z.number().min(0).max(1) }),
  })
  .refine((r) => r.overdueMilestones.red >= r.overdueMilestones.amber, 'overdueMilestones.red must be ≥ amber')
  .refine((r) => r.progressLag.red >= r.progressLag.amber, 'progressLag.red must be ≥ amber')
  .refine((r) => r.overdueIssuesShare.red >= r.overdueIssuesShare.amber, 'overdueIssuesShare.red must be ≥ amber')
  .refine((r) => r.blockedShare.red >= r.blockedShare.amber, 'blockedShare.red must be ≥ amber');

export type HealthRules = z.infer<typeof healthRulesSchema>;

export const DEFAULT_HEALTH_RULES: HealthRules = {
  overdueMilestones: { amber: 1, red: 2 },
  /** Percentage points of "% done" behind "% of time elapsed". */
  progressLag: { amber: 15, red: 30, minIssues: 10 },
  /** Shares (0..1) of open issues. */
  overdueIssuesShare: { amber: 0.1, red: 0.25 },
  blockedShare: { amber: 0.05, red: 0.15, minBlocked: 2 },
  lateScope: { elapsed: 0.75, toDoShare: 0.3 },
};
