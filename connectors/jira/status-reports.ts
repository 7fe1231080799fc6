import { z } from 'zod';
import type { HttpClient } from '../http/client';
import { InvalidInputError } from '../http/invalid-input';
import { apiBase, type JiraDeployment } from './deployment';
import { badRequest } from './errors';
import { jiraInstant } from './map';
import { jql } from './jql';
import type { JiraStatusReport, StatusReportBody, StatusReportStore } from './models';
import type { RawCreatedIssue } from './raw';
import type { IssueSearch } from './search';

/**
 * Status reports, written back to Jira so PMs see them there: one issue per report in a PMO reports project,
 * labelled `pmo-status-<PROJECT KEY>`, with the structured body in the issue property `pmo.statusReport`.
 *
 * - Concurrent submissions are safe: each report is its own create (`POST /issue` with the property in the
 *   same request), so nothing is read, modified and written back, and Jira properties need no compare-and-set.
 * - The full history of a whole page of projects is one search (`labels in (...)`, `properties=`,
 *   `fields=key`; Cloud `/search/jql`, Data Center `/search`), never one request per report.
 * - The project's own issues are untouched: reports live in another project, so its counts and boards do not
 *   change.
 */

export const STATUS_REPORT_PROPERTY = 'pmo.statusReport';
const LABEL_PREFIX = 'pmo-status-';
/** Labels per `labels in (...)` query: a page of projects is at most 200, and keys are short. */
const LABELS_PER_QUERY = 100;
const MAX_PROPERTY_BYTES = 32_768;

export const statusReportLabel = (projectKey: string): string => `${LABEL_PREFIX}${projectKey.toUpperCase()}`;

const rag = z.enum(['GREEN', 'AMBER', 'RED']);
const text = z.string().nullish().transform((v) => v ?? null);

/** Anyone who can edit the report issue can change its property, so what comes back is validated. */
const bodySchema = z.object({
  projectKey: z.string().min(1),
  statusDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  authorEmail: z.string().nullish().transform((v) => v?.trim().toLowerCase() || null),
  submittedAt: z.string().nullish(),
  overall: rag,
  schedule: rag.nullish().transform((v) => v ?? null),
  cost: rag.nullish().transform((v) => v ?? null),
  scope: rag.nullish().transform((v) => v ?? null),
  resources: rag.nullish().transform((v) => v ?? null),
  summary: z.string(),
  accomplishments: text,
  nextSteps: text,
  keyIssues: text,
  risks: text,
});

export class StatusReportsApi {
  constructor(
    private readonly http: HttpClient,
    private readonly searcher: IssueSearch,
    private readonly deployment: JiraDeployment,
  ) {}

  /** Creates the report issue with its body in one request. Never retried: a retry could file it twice. */
  async create(store: StatusReportStore, report: StatusReportBody): Promise<JiraStatusReport> {
    const submittedAt = new Date().toISOString();
    // The filing time travels in the body, so reading the history needs no issue fields at all.
    const body = { ...report, submittedAt };
    if (Buffer.byteLength(JSON.stringify(body), 'utf8') > MAX_PROPERTY_BYTES) {
      throw new InvalidInputError(`The status report is larger than Jira's ${MAX_PROPERTY_BYTES}-byte property limit`);
    }
    const { data } = await this.http.post<RawCreatedIssue>(`${apiBase(this.deployment)}/issue`, {
      fields: {
        project: { key: store.projectKey },
        issuetype: { name: store.issueType },
        summary: `${body.projectKey} status ${body.statusDate}: ${body.overall}`,
        labels: [statusReportLabel(body.projectKey)],
        description: this.deployment === 'cloud' ? describeAdf(body) : describeWiki(body),
      },
      properties: [{ key: STATUS_REPORT_PROPERTY, value: body }],
    });
    return { ...report, id: data.key, created: submittedAt, url: `${this.http.baseUrl}/browse/${encodeURIComponent(data.key)}` };
  }

  /** Every report of these projects, in no particular order; malformed report bodies are skipped. */
  async list(store: StatusReportStore, projectKeys: readonly string[]): Promise<JiraStatusReport[]> {
    const unique = [...new Set(projectKeys.map((k) => k.toUpperCase()))];
    const reports: JiraStatusReport[] = [];
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += LABELS_PER_QUERY) chunks.push(unique.slice(i, i + LABELS_PER_QUERY));
    await Promise.all(
      chunks.map(async (chunk) => {
        const query = jql().where('project', '=', store.projectKey).in('labels', chunk.map(statusReportLabel)).orderBy('key', 'ASC').toString();
        let cursor: string | null = null;
        do {
          // Only `key` is asked for (the body is in the property, its filing time included), so Jira sends its
          // largest pages; it may still send fewer, and the loop follows the cursor.
          const outcome = await this.searcher.page({
            jql: query,
            fields: 'key',
            properties: STATUS_REPORT_PROPERTY,
            maxResults: this.searcher.maxKeyPage,
            cursor,
            readsAll: true,
          });
          if (outcome.status === 400) throw badRequest(this.http.name, this.searcher.method, this.searcher.path, outcome.response);
          for (const issue of outcome.issues) {
            const parsed = bodySchema.safeParse(issue.properties?.[STATUS_REPORT_PROPERTY]);
            if (!parsed.success || !chunk.includes(parsed.data.projectKey.toUpperCase())) continue;
            const { submittedAt, ...body } = parsed.data;
            reports.push({
              ...body,
              projectKey: body.projectKey.toUpperCase(),
              id: issue.key,
              created: jiraInstant(submittedAt) ?? `${body.statusDate}T00:00:00.000Z`,
              url: `${this.http.baseUrl}/browse/${encodeURIComponent(issue.key)}`,
            });
          }
          cursor = outcome.next;
        } while (cursor);
      }),
    );
    return reports;
  }
}

const ragLine = (body: StatusReportBody): string =>
  (['overall', 'schedule', 'cost', 'scope', 'resources'] as const).map((k) => `${k} ${body[k] ?? '-'}`).join(', ');

/** The report as readable text in the issue description (ADF, Cloud), for people reading it in Jira. */
function describeAdf(body: StatusReportBody): unknown {
  const line = (label: string, value: string | null) =>
    value ? [{ type: 'paragraph', content: [{ type: 'text', text: `${label}: `, marks: [{ type: 'strong' }] }, { type: 'text', text: value }] }] : [];
  const rags = ragLine(body);
  return {
    type: 'doc',
    version: 1,
    content: [
      ...line('RAG', rags),
      ...line('Summary', body.summary),
      ...line('Accomplishments', body.accomplishments),
      ...line('Next steps', body.nextSteps),
      ...line('Key issues', body.keyIssues),
      ...line('Risks', body.risks),
    ],
  };
}

/**
 * The same text as wiki markup (Data Center's v2 API takes no ADF). Markup characters in the submitted text
 * are escaped, so a summary cannot turn into links, macros or formatting.
 */
function describeWiki(body: StatusReportBody): string {
  const escape = (value: string) => value.replace(/[\\{}[\]|*_+^~!#-]/g, (c) => `\\${c}`);
  const line = (label: string, value: string | null) => (value ? [`*${label}:* ${escape(value)}`] : []);
  return [
    ...line('RAG', ragLine(body)),
    ...line('Summary', body.summary),
    ...line('Accomplishments', body.accomplishments),
    ...line('Next steps', body.nextSteps),
    ...line('Key issues', body.keyIssues),
    ...line('Risks', body.risks),
  ].join('\n\n');
}
