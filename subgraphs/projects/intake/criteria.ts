import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../../../connectors/config';

/**
 * The published intake criteria: what reviewers score a proposal on, each on a 1–5 scale whose anchors are the
 * text reviewers read, with the weight the score formula gives it (scoring.ts). Versioned, so a scorecard says
 * which criteria it was given against. `PROJECTS_INTAKE_CRITERIA` names a JSON file of the same shape that
 * replaces them whole; a bad file stops start-up.
 */

export interface Criterion {
  /** Stable id scorecards refer to (`strategicAlignment`). */
  id: string;
  name: string;
  /** The question the reviewer answers. */
  question: string;
  /** Relative weight; the formula divides by the sum, so weights need not add up to 100. */
  weight: number;
  /** A high score is bad for the proposal (risk, effort): the formula uses 6 − score. */
  inverted: boolean;
  /** What 1, 2, 3, 4 and 5 mean, in that order. */
  anchors: [string, string, string, string, string];
}

export interface IntakeCriteria {
  version: string;
  /** yyyy-MM-dd the version was published. */
  publishedOn: string;
  criteria: Criterion[];
}

export const DEFAULT_CRITERIA: IntakeCriteria = {
  version: '2026.1',
  publishedOn: '2026-09-01',
  criteria: [
    {
      id: 'strategicAlignment',
      name: 'Strategic alignment',
      question: "How directly does the proposal serve the university's strategic goals?",
      weight: 30,
      inverted: false,
      anchors: [
        'Serves no stated strategic goal.',
        'Supports one strategic goal indirectly.',
        'Directly supports one strategic goal.',
        'Directly supports two or more goals, or is named in a divisional plan.',
        'Named in the university strategic plan as a priority initiative.',
      ],
    },
    {
      id: 'valueBenefit',
      name: 'Value and benefit',
      question: 'How large and how certain are the expected benefits?',
      weight: 25,
      inverted: false,
      anchors: [
        'No measurable benefit stated.',
        'A small benefit to one team, not quantified.',
        'A quantified benefit to one department or service.',
        'A quantified benefit across several departments, or to most students or staff.',
        'A large, quantified, institution-wide benefit with a credible measure.',
      ],
    },
    {
      id: 'urgencyCompliance',
      name: 'Urgency and compliance',
      question: 'How soon is it needed, and do law, regulation, audit or contract require it?',
      weight: 20,
      inverted: false,
      anchors: [
        'No deadline: it can wait a year or more.',
        'Desirable within the year.',
        'Needed within two terms, or an audit recommendation.',
        'Needed this term, or an open audit finding.',
        'A legal, regulatory or contractual requirement with a fixed deadline.',
      ],
    },
    {
      id: 'risk',
      name: 'Risk',
      question: 'How risky is delivering it, and running it? (5 is the highest risk; the formula inverts it.)',
      weight: 15,
      inverted: true,
      anchors: [
        'Proven technology, an experienced team, few dependencies.',
        'Minor unknowns and manageable dependencies.',
        'Some technology new to us, or several dependencies.',
        'New technology, critical dependencies, or a tight delivery window.',
        'Unproven, many critical dependencies, or a failure would stop running services.',
      ],
    },
    {
      id: 'effort',
      name: 'Effort',
      question: 'How much cost and effort does it take? (5 is the largest; the formula inverts it.)',
      weight: 10,
      inverted: true,
      anchors: [
        'Under two person-weeks and under 25,000.',
        'Up to two person-months and under 100,000.',
        'Up to six person-months and under 300,000.',
        'Up to eighteen person-months and under 750,000.',
        'More than eighteen person-months or 750,000.',
      ],
    },
  ],
};

const criteriaSchema = z.object({
  version: z.string().trim().min(1).max(40),
  publishedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  criteria: z
    .array(
      z.object({
        id: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,39}$/, 'ids are letters and digits, starting with a letter'),
        name: z.string().trim().min(1).max(80),
        question: z.string().trim().min(1).max(300),
        weight: z.number().positive().max(1000),
        inverted: z.boolean(),
        anchors: z.tuple([z.string().min(1), z.string().min(1), z.string().min(1), z.string().min(1), z.string().min(1)]),
      }),
    )
    .min(1)
    .max(12)
    .refine((list) => new Set(list.map((c) => c.id)).size === list.length, 'criterion ids must be unique'),
});

export function loadCriteria(env: NodeJS.ProcessEnv): IntakeCriteria {
  const file = env.PROJECTS_INTAKE_CRITERIA;
  if (!file) return DEFAULT_CRITERIA;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`PROJECTS_INTAKE_CRITERIA: cannot read ${file} as JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = criteriaSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`PROJECTS_INTAKE_CRITERIA: ${issue.path.join('.') || 'criteria'}: ${issue.message} (in ${file})`);
  }
  return parsed.data as IntakeCriteria;
}
