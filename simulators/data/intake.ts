import type { Dataset, DemoPerson, DemoProject } from './dataset';
import { Random } from './random';

/**
 * The demo intake backlog: 21 proposals in every state, scored by five reviewers who sometimes disagree, a few
 * decided (two approved ones delivered by demo projects). Drawn from its own seed, so the rest of the data set
 * is the same with or without it; dates are laid out before the data set's anchor, the latest decisions in its
 * last week so the leadership digest's default period has some.
 */

export type DemoProposalState = 'SUBMITTED' | 'SCREENING' | 'IN_REVIEW' | 'APPROVED' | 'REJECTED' | 'DEFERRED';

/** The default criteria's ids, in their published order (subgraphs/projects/intake/criteria.ts). */
export const DEMO_CRITERIA = ['strategicAlignment', 'valueBenefit', 'urgencyCompliance', 'risk', 'effort'] as const;
export const DEMO_CRITERIA_VERSION = '2026.1';

export interface DemoScorecard {
  reviewerId: string;
  /** 1–5 per criterion, in DEMO_CRITERIA order (risk and effort: 5 = highest risk, largest effort). */
  scores: number[];
  comments: Array<string | null>;
  comment: string | null;
  scoredAt: string;
}

export interface DemoProposal {
  title: string;
  problem: string;
  expectedBenefits: string | null;
  sponsorId: string | null;
  requestingDepartment: string;
  estimatedCost: number | null;
  effortBand: 'XS' | 'S' | 'M' | 'L' | 'XL' | null;
  targetQuarter: string;
  strategicGoals: string[];
  risks: string | null;
  dependencies: string | null;
  submitterId: string;
  submittedAt: string;
  history: Array<{ from: DemoProposalState | null; to: DemoProposalState; at: string; byId: string; note: string | null }>;
  decision: { outcome: 'APPROVE' | 'REJECT' | 'DEFER'; rationale: string; byId: string; at: string } | null;
  projectKey: string | null;
  scorecards: DemoScorecard[];
}

interface Spec {
  title: string;
  department: string;
  problem: string;
  benefits: string | null;
  goals: string[];
  cost: number | null;
  effort: DemoProposal['effortBand'];
  risks: string;
  dependencies: string | null;
  state: DemoProposalState;
  /** Days before the anchor it was submitted. */
  age: number;
  /** The reviewers' consensus scores (raw, DEMO_CRITERIA order). */
  base?: number[];
  /** Reviewer index → criterion index → score that departs from the base (a disagreement). */
  dissent?: Record<number, Record<number, number>>;
  /** No noise on the base: used for the tie and near-tie. */
  exact?: boolean;
  /** Reviewers (indexes into the reviewer pool); three by default. */
  reviewers?: number[];
  noSponsor?: boolean;
  rationale?: string;
  /** Delivered by a demo project in this phase (approved ones). */
  deliveredIn?: 'INITIATING' | 'PLANNING';
}

const SPECS: readonly Spec[] = [
  { title: 'PCI DSS 4.0 compliance for campus payments', department: 'Information Security', problem: 'Card payments at the bookstore, parking and events fall under PCI DSS 4.0 from March; three systems fail the new requirements.', benefits: 'Keeps card acceptance; avoids fines and the acquiring bank\'s surcharge.', goals: ['Security and compliance'], cost: 240_000, effort: 'M', risks: 'Vendor patch for the parking system not yet released.', dependencies: 'Network segmentation in NETCORE.', state: 'APPROVED', age: 64, base: [4, 4, 5, 3, 3], rationale: 'Regulatory deadline; funded from the security reserve.', deliveredIn: 'PLANNING' },
  { title: 'Research data storage tier for the genomics lab', department: 'Research Computing', problem: 'Sequencers produce 40 TB a month; the lab buys USB drives.', benefits: 'Grant compliance for data retention; 200 researchers served.', goals: ['Research excellence'], cost: 380_000, effort: 'L', risks: 'Power and cooling in the data centre.', dependencies: null, state: 'APPROVED', age: 58, base: [5, 4, 3, 3, 4], dissent: { 2: { 1: 2 } }, rationale: 'Strategic for research; phased purchase agreed.', deliveredIn: 'INITIATING' },
  { title: 'Self-service password reset for alumni', department: 'Client Services', problem: 'Alumni call the service desk 900 times a month to reset passwords.', benefits: 'Fewer calls; alumni keep their lifelong email.', goals: ['Digital experience', 'Operational efficiency'], cost: 45_000, effort: 'S', risks: 'Identity proofing for people with no current record.', dependencies: 'IAM platform.', state: 'APPROVED', age: 40, base: [3, 4, 2, 2, 2], rationale: 'Quick win; pays back within a year in desk time.' },
  { title: 'Backup immutability for ransomware recovery', department: 'Infrastructure & Operations', problem: 'Backups can be deleted with the same admin accounts an attacker would take.', benefits: 'Recovery from ransomware in days, not weeks; insurer requirement.', goals: ['Security and compliance'], cost: 160_000, effort: 'M', risks: 'Storage growth of 30 %.', dependencies: null, state: 'APPROVED', age: 33, base: [4, 4, 5, 2, 3], dissent: { 1: { 3: 5 } }, rationale: 'Insurer made it a renewal condition.', deliveredIn: 'PLANNING' },
  { title: 'Digital signage consolidation', department: 'Teaching & Learning Technology', problem: 'Four signage systems, each with its own licences and content team.', benefits: 'One platform; licence savings.', goals: ['Operational efficiency'], cost: 90_000, effort: 'M', risks: 'Faculties attached to their own screens.', dependencies: null, state: 'REJECTED', age: 52, base: [2, 2, 1, 3, 3], dissent: { 0: { 1: 5 } }, rationale: 'Savings do not cover the migration; revisit when the licences end.' },
  { title: 'Chatbot for the IT service desk', department: 'Client Services', problem: 'Half the tickets are how-to questions answered in the knowledge base.', benefits: 'Deflect 20 % of tickets.', goals: ['Digital experience'], cost: 120_000, effort: 'M', risks: 'Wrong answers; data protection review of the vendor.', dependencies: 'Knowledge base clean-up.', state: 'REJECTED', age: 21, base: [2, 3, 1, 4, 3], dissent: { 1: { 0: 5, 1: 5 } }, rationale: 'Knowledge base first; the vendor failed the data protection review.' },
  { title: 'Classroom AV refresh, phase 2', department: 'Teaching & Learning Technology', problem: '60 lecture rooms have projectors past end of life.', benefits: 'Hybrid teaching in every large room.', goals: ['Student success'], cost: 520_000, effort: 'L', risks: 'Summer installation window only.', dependencies: 'Lecture capture (LECCAP).', state: 'DEFERRED', age: 45, base: [4, 3, 2, 2, 4], rationale: 'Next financial year: capital budget is committed.' },
  { title: 'Print management consolidation', department: 'Client Services', problem: 'Three print systems and per-department contracts.', benefits: 'One contract, 15 % lower print cost.', goals: ['Operational efficiency'], cost: 70_000, effort: 'S', risks: 'Contract exit fees.', dependencies: 'PRINT project finishing.', state: 'DEFERRED', age: 10, base: [2, 3, 2, 2, 2], rationale: 'Wait for the PRINT project to close.' },
  { title: 'Data warehouse for enrolment analytics', department: 'Data & Analytics', problem: 'Enrolment forecasts are built by hand from three extracts.', benefits: 'Weekly forecasts; admissions can act within the cycle.', goals: ['Student success', 'Operational efficiency'], cost: 310_000, effort: 'L', risks: 'Data quality in the SIS.', dependencies: 'DWH platform.', state: 'IN_REVIEW', age: 30, base: [5, 5, 3, 3, 4], dissent: { 2: { 2: 1 } } },
  { title: 'Endpoint detection and response for research labs', department: 'Information Security', problem: 'Lab machines run unmanaged and unpatched.', benefits: 'Closes the largest gap in the last audit.', goals: ['Security and compliance', 'Research excellence'], cost: 150_000, effort: 'M', risks: 'Instruments whose vendors forbid agents.', dependencies: null, state: 'IN_REVIEW', age: 27, base: [4, 4, 4, 3, 3], dissent: { 0: { 3: 5 }, 1: { 3: 1 } } },
  { title: 'Single sign-on for library e-resources', department: 'Enterprise Applications', problem: 'Off-campus access to journals needs a VPN.', benefits: 'Access from anywhere; 12,000 users.', goals: ['Digital experience', 'Research excellence'], cost: 60_000, effort: 'S', risks: 'Publisher support for federated login.', dependencies: 'IAM platform.', state: 'IN_REVIEW', age: 24, base: [4, 4, 2, 2, 2], exact: true },
  { title: 'Accessibility remediation of public web pages', department: 'Enterprise Applications', problem: 'The public site fails WCAG 2.2 AA on 40 % of pages; the law applies from June.', benefits: 'Legal compliance; usable by everyone.', goals: ['Security and compliance', 'Digital experience'], cost: 110_000, effort: 'M', risks: 'Content owners\' time.', dependencies: null, state: 'IN_REVIEW', age: 22, base: [4, 4, 2, 2, 2], exact: true },
  { title: 'Wi-Fi 7 upgrade in residence halls', department: 'Networks & Telecommunications', problem: 'Residents report slow Wi-Fi every evening.', benefits: 'Better student experience; fewer complaints.', goals: ['Student success'], cost: 420_000, effort: 'L', risks: 'Access during term time.', dependencies: 'WIFI6 project completion.', state: 'IN_REVIEW', age: 19, base: [4, 4, 2, 3, 3], exact: true },
  { title: 'Grant management system replacement', department: 'Enterprise Applications', problem: 'The grant system is out of support next year.', benefits: 'Supported system; post-award reporting automated.', goals: ['Research excellence', 'Operational efficiency'], cost: 650_000, effort: 'XL', risks: 'Migration of 15 years of awards.', dependencies: 'ERP finance interfaces.', state: 'IN_REVIEW', age: 16, base: [4, 4, 4, 4, 5], dissent: { 2: { 0: 1, 1: 2 } } },
  { title: 'HR onboarding workflow automation', department: 'Enterprise Applications', problem: 'New staff wait a week for accounts and equipment.', benefits: 'Day-one readiness; HR saves two FTE.', goals: ['Operational efficiency'], cost: 85_000, effort: 'S', risks: 'HR process changes.', dependencies: null, state: 'IN_REVIEW', age: 12, base: [3, 4, 2, 2, 2], reviewers: [0, 3] },
  { title: 'Identity governance for contractors', department: 'Information Security', problem: 'Contractor accounts are never reviewed and outlive contracts.', benefits: 'Quarterly access reviews; audit finding closed.', goals: ['Security and compliance'], cost: 130_000, effort: 'M', risks: 'Sponsors not reviewing on time.', dependencies: 'IAM platform.', state: 'IN_REVIEW', age: 9, base: [4, 3, 4, 2, 3], reviewers: [1] },
  { title: 'Learning management system integration with the SIS', department: 'Teaching & Learning Technology', problem: 'Course rosters are uploaded by hand each term.', benefits: 'Rosters in the LMS the day a student enrols.', goals: ['Student success', 'Operational efficiency'], cost: 95_000, effort: null, risks: 'SIS API limits.', dependencies: 'LMS migration.', state: 'SCREENING', age: 8 },
  { title: 'Network access control for teaching labs', department: 'Networks & Telecommunications', problem: 'Any device plugged into a lab port joins the campus network.', benefits: null, goals: ['Security and compliance'], cost: null, effort: 'M', risks: 'Lab equipment without 802.1X.', dependencies: null, state: 'SCREENING', age: 6, noSponsor: true },
  { title: 'Move email archiving to the cloud', department: 'Infrastructure & Operations', problem: 'The on-premises archive appliance is end of life.', benefits: 'Retire one appliance; e-discovery in Microsoft 365.', goals: ['Operational efficiency'], cost: 55_000, effort: 'S', risks: 'Archive import time.', dependencies: 'M365 tenant project.', state: 'SCREENING', age: 5 },
  { title: 'Campus-wide MFA for students', department: 'Information Security', problem: 'Phished student accounts send spam and reach research data.', benefits: 'Account takeovers cut by 90 %.', goals: ['Security and compliance', 'Student success'], cost: 75_000, effort: 'M', risks: 'Support load in the first week of term.', dependencies: 'IAM platform.', state: 'SUBMITTED', age: 3 },
  { title: 'Replace the SIS reporting layer', department: 'Data & Analytics', problem: 'SIS reports run overnight and time out at term start.', benefits: null, goals: ['Student success'], cost: null, effort: null, risks: 'Report owners\' availability.', dependencies: null, state: 'SUBMITTED', age: 1, noSponsor: true },
];

const DAY = 86_400_000;
const COMMENTS: Record<number, string> = {
  0: 'Aligned with the strategic plan.',
  1: 'Benefits are plausible but not quantified.',
  2: 'No hard deadline that I can see.',
  3: 'Delivery risk is higher than stated.',
  4: 'Effort looks underestimated.',
};

const quarter = (anchor: Date, ahead: number): string => {
  const month = anchor.getUTCMonth() + ahead * 3;
  const year = anchor.getUTCFullYear() + Math.floor(month / 12);
  return `${year}-Q${Math.floor((month % 12) / 3) + 1}`;
};

export function generateIntakeBacklog(dataset: Dataset): DemoProposal[] {
  const rnd = new Random(20261203);
  const active = dataset.people.filter((p) => p.inDirectory && p.active);
  const titled = (pattern: RegExp) => active.filter((p) => pattern.test(p.title));
  const directors = titled(/^Director/);
  const architects = titled(/^Enterprise Architect/);
  const reviewers = [...directors.slice(0, 3), ...architects.slice(0, 2)];
  const deciders = [...titled(/^Chief/), ...titled(/^Director, Portfolio/)];
  const pmo = titled(/Portfolio Analyst/)[0] ?? reviewers[0];
  const decider = deciders[0] ?? reviewers[0];
  const sponsors = [...titled(/^Chief/), ...directors];
  const delivering = (phase: string) => dataset.projects.filter((p) => p.phase === phase);
  const used = new Set<string>();
  const projectFor = (phase: string): DemoProject | null => {
    const project = delivering(phase).find((p) => !used.has(p.key)) ?? null;
    if (project) used.add(project.key);
    return project;
  };
  const at = (daysBefore: number, hour: number) => new Date(dataset.anchor.getTime() - daysBefore * DAY + hour * 3_600_000).toISOString();

  return SPECS.map((spec, i) => {
    const members = active.filter((p) => p.department === spec.department);
    const submitter: DemoPerson = members.length ? rnd.pick(members) : rnd.pick(active);
    const sponsor = spec.noSponsor ? null : (directors.find((d) => d.department === spec.department) ?? rnd.pick(sponsors));
    const history: DemoProposal['history'] = [{ from: null, to: 'SUBMITTED', at: at(spec.age, 10), byId: submitter.scimId, note: null }];
    const order: DemoProposalState[] = ['SCREENING', 'IN_REVIEW'];
    const reached = spec.state === 'SUBMITTED' ? 0 : spec.state === 'SCREENING' ? 1 : 2;
    for (let step = 0; step < reached; step++) {
      const day = spec.age - Math.round(((step + 1) * spec.age) / (reached + 2));
      history.push({ from: history[history.length - 1].to, to: order[step], at: at(day, 11 + step), byId: pmo.scimId, note: step === 0 ? 'Picked up by the PMO.' : 'Complete; open for scoring.' });
    }
    const reviewing = spec.base ? (spec.reviewers ?? [0, 1, 2]).map((r) => reviewers[(r + i) % reviewers.length]) : [];
    const reviewStart = spec.age - Math.round((2 * spec.age) / (reached + 2));
    const scorecards: DemoScorecard[] = reviewing.map((reviewer, r) => {
      const scores = spec.base!.map((base, c) => {
        const dissent = spec.dissent?.[r]?.[c];
        if (dissent !== undefined) return dissent;
        const noise = spec.exact ? 0 : rnd.weighted([[-1, 1], [0, 4], [1, 1]] as const);
        return Math.min(5, Math.max(1, base + noise));
      });
      return {
        reviewerId: reviewer.scimId,
        scores,
        comments: scores.map((s, c) => (Math.abs(s - spec.base![c]) >= 2 ? COMMENTS[c] : null)),
        comment: r === 0 ? 'Scored against the published criteria.' : null,
        scoredAt: at(Math.max(1, reviewStart - 1 - r), 14 + r),
      };
    });
    let decision: DemoProposal['decision'] = null;
    let projectKey: string | null = null;
    if (spec.state === 'APPROVED' || spec.state === 'REJECTED' || spec.state === 'DEFERRED') {
      const decidedAt = at(Math.max(1, Math.min(reviewStart - 4, Math.round(spec.age / 6))), 16);
      const outcome = spec.state === 'APPROVED' ? 'APPROVE' : spec.state === 'REJECTED' ? 'REJECT' : 'DEFER';
      decision = { outcome, rationale: spec.rationale ?? '', byId: decider.scimId, at: decidedAt };
      history.push({ from: 'IN_REVIEW', to: spec.state, at: decidedAt, byId: decider.scimId, note: spec.rationale ?? null });
      if (spec.deliveredIn) projectKey = projectFor(spec.deliveredIn)?.key ?? null;
    }
    return {
      title: spec.title,
      problem: spec.problem,
      expectedBenefits: spec.benefits,
      sponsorId: sponsor?.scimId ?? null,
      requestingDepartment: spec.department,
      estimatedCost: spec.cost,
      effortBand: spec.effort,
      targetQuarter: quarter(dataset.anchor, 1 + (i % 4)),
      strategicGoals: spec.goals,
      risks: spec.risks,
      dependencies: spec.dependencies,
      submitterId: submitter.scimId,
      submittedAt: history[0].at,
      history,
      decision,
      projectKey,
      scorecards,
    };
  });
}
