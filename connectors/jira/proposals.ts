import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { HttpClient } from '../http/client';
import { InvalidInputError } from '../http/invalid-input';
import { apiBase, type JiraDeployment } from './deployment';
import { badRequest } from './errors';
import { jql } from './jql';
import {
  EFFORT_BANDS, PROPOSAL_STATES, type IntakeStore, type JiraProposal, type ProposalBody, type ProposalWorkflow, type Scorecard,
} from './proposals.models';
import type { RawCreatedIssue, RawIssue } from './raw';
import type { IssueSearch } from './search';

/**
 * Intake proposals, kept in Jira so the PMO works them there too: one issue per proposal in the intake project
 * (`PROJECTS_INTAKE_PROJECT_KEY`), its title the summary, and three kinds of issue property:
 *
 * - `pmo.proposal`: what the requester wrote (title, problem, benefits, sponsor, estimate, ...);
 * - `pmo.proposal.workflow`: the state, every state change and the decision;
 * - `pmo.scorecard.<reviewer>`: one per reviewer, keyed by a hash of the reviewer's email. Re-scoring replaces
 *   only that reviewer's property, so reviewers scoring at the same time never overwrite each other (Jira
 *   properties have no compare-and-set, so nothing shared is read, modified and written back).
 *
 * The list is one search (`project = INTAKE`, the two proposal properties, `fields=key`); scorecards need
 * `properties=*all`, which only the single-issue read takes, so they cost one `GET /issue/{key}` per proposal.
 */

export const PROPOSAL_PROPERTY = 'pmo.proposal';
export const WORKFLOW_PROPERTY = 'pmo.proposal.workflow';
export const SCORECARD_PREFIX = 'pmo.scorecard.';
export const PROPOSAL_LABEL = 'pmo-proposal';
const MAX_PROPERTY_BYTES = 32_768;

/** The property a reviewer's scorecard lives in: stable per reviewer, no email in the URL. */
export const scorecardProperty = (reviewer: string): string =>
  `${SCORECARD_PREFIX}${createHash('sha256').update(reviewer.trim().toLowerCase()).digest('hex').slice(0, 24)}`;

const text = z.string().nullish().transform((v) => (v?.trim() ? v : null));
const state = z.enum(PROPOSAL_STATES as [string, ...string[]]);

/** Anyone who can edit the issue can change its properties, so what comes back is validated. */
const bodySchema = z.object({
  title: z.string().trim().min(1),
  problem: text,
  expectedBenefits: text,
  sponsorEmail: z.string().nullish().transform((v) => v?.trim().toLowerCase() || null),
  requestingDepartment: text,
  // Whole units within GraphQL's Int: a hand-edited 1234.5 reads as 1235, not as an unreadable proposal.
  estimatedCost: z.number().finite().nonnegative().max(2_000_000_000).nullish().transform((v) => (v === null || v === undefined ? null : Math.round(v))),
  effortBand: z.enum(EFFORT_BANDS as [string, ...string[]]).nullish().transform((v) => v ?? null),
  targetQuarter: z.string().regex(/^\d{4}-Q[1-4]$/).nullish().transform((v) => v ?? null),
  strategicGoals: z.array(z.string()).nullish().transform((v) => v ?? []),
  risks: text,
  dependencies: text,
  submittedBy: z.string().min(1),
  submittedAt: z.string().min(1),
});

const workflowSchema = z.object({
  state,
  history: z.array(z.object({ from: state.nullable(), to: state, at: z.string(), by: z.string(), note: text })),
  decision: z.object({ outcome: z.enum(['APPROVE', 'REJECT', 'DEFER']), rationale: z.string(), by: z.string(), at: z.string() }).nullish().transform((v) => v ?? null),
  projectKey: z.string().nullish().transform((v) => v?.toUpperCase() ?? null),
});

const scorecardSchema = z.object({
  reviewer: z.string().trim().toLowerCase().min(1),
  criteriaVersion: z.string(),
  scores: z.array(z.object({ criterion: z.string(), score: z.number().int().min(1).max(5), comment: text })),
  comment: text,
  scoredAt: z.string(),
});

const parse = <T>(schema: z.ZodType<T>, value: unknown): T | null => {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

function checkSize(label: string, value: unknown): void {
  if (Buffer.byteLength(JSON.stringify(value), 'utf8') > MAX_PROPERTY_BYTES) {
    throw new InvalidInputError(`The ${label} is larger than Jira's ${MAX_PROPERTY_BYTES}-byte property limit`);
  }
}

export class ProposalsApi {
  private readonly api: string;

  constructor(
    private readonly http: HttpClient,
    private readonly searcher: IssueSearch,
    private readonly deployment: JiraDeployment,
  ) {
    this.api = apiBase(deployment);
  }

  private browse(key: string): string {
    return `${this.http.baseUrl}/browse/${encodeURIComponent(key)}`;
  }

  private property(key: string, property: string): string {
    return `${this.api}/issue/${encodeURIComponent(key)}/properties/${encodeURIComponent(property)}`;
  }

  /** One create with both properties in it. Never retried: a retry could file the proposal twice. */
  async create(store: IntakeStore, body: ProposalBody, workflow: ProposalWorkflow): Promise<JiraProposal> {
    checkSize('proposal', body);
    const { data } = await this.http.post<RawCreatedIssue>(`${this.api}/issue`, {
      fields: {
        project: { key: store.projectKey },
        issuetype: { name: store.issueType },
        summary: body.title.slice(0, 250),
        labels: [PROPOSAL_LABEL],
        description: this.deployment === 'cloud' ? describeAdf(body) : describeWiki(body),
      },
      properties: [
        { key: PROPOSAL_PROPERTY, value: body },
        { key: WORKFLOW_PROPERTY, value: workflow },
      ],
    });
    return { key: data.key, id: data.id, url: this.browse(data.key), body, workflow };
  }

  /** Every proposal in the intake project, in key order; issues without a valid proposal body are skipped. */
  async list(store: IntakeStore): Promise<JiraProposal[]> {
    const query = jql().where('project', '=', store.projectKey).orderBy('key', 'ASC').toString();
    const proposals: JiraProposal[] = [];
    let cursor: string | null = null;
    do {
      const outcome = await this.searcher.page({
        jql: query,
        fields: 'key',
        properties: `${PROPOSAL_PROPERTY},${WORKFLOW_PROPERTY}`,
        maxResults: this.searcher.maxKeyPage,
        cursor,
        readsAll: true,
      });
      if (outcome.status === 400) throw badRequest(this.http.name, this.searcher.method, this.searcher.path, outcome.response);
      for (const issue of outcome.issues) {
        const proposal = this.map(issue);
        if (proposal) proposals.push(proposal);
      }
      cursor = outcome.next;
    } while (cursor);
    return proposals;
  }

  /** A proposal with every reviewer's scorecard (`GET /issue/{key}?properties=*all`); null when it is not one. */
  async get(store: IntakeStore, key: string): Promise<{ proposal: JiraProposal; scorecards: Scorecard[] } | null> {
    const response = await this.http.get<RawIssue>(
      `${this.api}/issue/${encodeURIComponent(key)}`,
      { fields: 'project', properties: '*all' },
      { acceptStatuses: [404] },
    );
    if (response.status === 404) return null;
    const issue = response.data;
    if (issue.fields?.project?.key?.toUpperCase() !== store.projectKey) return null;
    const proposal = this.map(issue);
    if (!proposal) return null;
    const scorecards = Object.entries(issue.properties ?? {})
      .filter(([name]) => name.startsWith(SCORECARD_PREFIX))
      .map(([name, value]) => {
        const card = parse(scorecardSchema, value);
        // A card copied under another reviewer's key is not that reviewer's.
        return card && scorecardProperty(card.reviewer) === name ? card : null;
      })
      .filter((c): c is Scorecard => c !== null)
      .sort((a, b) => a.reviewer.localeCompare(b.reviewer));
    return { proposal, scorecards };
  }

  async putBody(key: string, body: ProposalBody): Promise<void> {
    checkSize('proposal', body);
    await this.http.put(this.property(key, PROPOSAL_PROPERTY), body);
  }

  async putWorkflow(key: string, workflow: ProposalWorkflow): Promise<void> {
    checkSize('proposal history', workflow);
    await this.http.put(this.property(key, WORKFLOW_PROPERTY), workflow);
  }

  /** Writes this reviewer's own property only. */
  async putScorecard(key: string, card: Scorecard): Promise<void> {
    checkSize('scorecard', card);
    await this.http.put(this.property(key, scorecardProperty(card.reviewer)), card);
  }

  private map(issue: RawIssue): JiraProposal | null {
    const body = parse(bodySchema, issue.properties?.[PROPOSAL_PROPERTY]) as ProposalBody | null;
    if (!body) return null;
    const workflow = (parse(workflowSchema, issue.properties?.[WORKFLOW_PROPERTY]) as ProposalWorkflow | null) ?? {
      // A proposal created in Jira with a body but no workflow yet has just been submitted.
      state: 'SUBMITTED',
      history: [{ from: null, to: 'SUBMITTED', at: body.submittedAt, by: body.submittedBy, note: null }],
      decision: null,
      projectKey: null,
    };
    return { key: issue.key, id: issue.id, url: this.browse(issue.key), body, workflow };
  }
}

const summaryLines = (body: ProposalBody): Array<[string, string | null]> => [
  ['Problem', body.problem],
  ['Expected benefits', body.expectedBenefits],
  ['Sponsor', body.sponsorEmail],
  ['Requesting department', body.requestingDepartment],
  ['Estimated cost', body.estimatedCost === null ? null : String(body.estimatedCost)],
  ['Effort', body.effortBand],
  ['Target quarter', body.targetQuarter],
  ['Strategic goals', body.strategicGoals.join(', ') || null],
  ['Risks', body.risks],
  ['Dependencies', body.dependencies],
];

/** The proposal as readable text in the issue description (ADF, Cloud), for people reading it in Jira. */
function describeAdf(body: ProposalBody): unknown {
  return {
    type: 'doc',
    version: 1,
    content: summaryLines(body)
      .filter(([, value]) => value)
      .map(([label, value]) => ({
        type: 'paragraph',
        content: [{ type: 'text', text: `${label}: `, marks: [{ type: 'strong' }] }, { type: 'text', text: value }],
      })),
  };
}

/** Wiki markup for Data Center, with markup characters escaped so the text stays text. */
function describeWiki(body: ProposalBody): string {
  const escape = (value: string) => value.replace(/[\\{}[\]|*_+^~!#-]/g, (c) => `\\${c}`);
  return summaryLines(body)
    .filter(([, value]) => value)
    .map(([label, value]) => `*${label}:* ${escape(value!)}`)
    .join('\n\n');
}
