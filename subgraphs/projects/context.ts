import DataLoader from 'dataloader';
import type { JiraConnector } from '../../connectors/jira/connector';
import type { JiraIssue, JiraProject, JiraStatusReport, JiraVersion } from '../../connectors/jira/models';
import type { ProjectsOptions } from './config';
import { loadAssignedWork, type AssignedWork } from './staffing/assigned-work.loader';
import { loadDeliverySignals, type DeliverySignals } from './project/delivery-signals.loader';
import { newestFirst } from './status-report/status-report.order';
import { ANONYMOUS_DEMO_CALLER, type Caller } from '../common/caller';
import { createIntakeLoaders, type IntakeLoaders } from './intake/intake.loader';

/** Projects per `/project/search` page: Jira's maximum. */
export const JIRA_PROJECT_PAGE = 100;
/** Projects per `project in (...)` batch of the delivery-signal searches. */
const SIGNAL_BATCH = 50;
/** Projects per status-report search (their labels go in one `labels in (...)`). */
const REPORT_BATCH = 100;

export interface ProjectsLoaders {
  projectByKey: DataLoader<string, JiraProject | null>;
  issueByKey: DataLoader<string, JiraIssue | null>;
  versions: DataLoader<string, JiraVersion[]>;
  /** Issue counts, overdue and blocked work and late milestones per project: four searches per 50 projects (see the loader). */
  deliverySignals: DataLoader<string, DeliverySignals>;
  /** Every status report of a project, newest first: one search per 100 projects (and per 100 reports). */
  statusReports: DataLoader<string, JiraStatusReport[]>;
  /** Unresolved issues assigned to a person (by lower-cased email). */
  assignedWork: DataLoader<string, AssignedWork>;
  /** Every project except the PMO reports and intake projects, read once per request, in key order. */
  portfolio: () => Promise<JiraProject[]>;
  /** Intake proposals and their scorecards. */
  intake: IntakeLoaders;
}

export interface ProjectsContext {
  /** Who is asking, as the gateway vouched for it. */
  caller: Caller;
  jira: JiraConnector;
  options: ProjectsOptions;
  loaders: ProjectsLoaders;
}

/** A fresh set of loaders for every request: DataLoader batches and de-duplicates, it is not a cache across requests. */
export function createProjectsContext(jira: JiraConnector, options: ProjectsOptions, caller: Caller = ANONYMOUS_DEMO_CALLER): ProjectsContext {
  // The PMO's own filing projects (reports, intake) are not portfolio projects: a key naming one reads as no project.
  const filing = [options.statusReports.projectKey, options.intake.store.projectKey];
  const projectByKey = new DataLoader<string, JiraProject | null>(
    async (keys) => (await jira.getProjectsByKeys(keys)).map((p) => (p && filing.includes(p.key.toUpperCase()) ? null : p)),
    { maxBatchSize: 50 },
  );
  let portfolio: Promise<JiraProject[]> | undefined;
  const today = () => options.now().toISOString().slice(0, 10);
  return {
    caller,
    jira,
    options,
    loaders: {
      projectByKey,
      issueByKey: new DataLoader((keys) => jira.getIssuesByKeys(keys), { maxBatchSize: 100 }),
      // Jira has no multi-project versions endpoint: one request per project, all in the same tick.
      versions: new DataLoader((keys) => Promise.all(keys.map((key) => jira.getVersions(key)))),
      deliverySignals: new DataLoader((keys) => loadDeliverySignals(jira, keys, today()), { maxBatchSize: SIGNAL_BATCH }),
      statusReports: new DataLoader(
        async (keys) => {
          const reports = await jira.getStatusReports(options.statusReports, keys);
          return keys.map((key) => reports.filter((r) => r.projectKey === key.toUpperCase()).sort(newestFirst));
        },
        { maxBatchSize: REPORT_BATCH },
      ),
      assignedWork: new DataLoader((emails) => loadAssignedWork(jira, emails, options.statusReports.projectKey), { maxBatchSize: 50 }),
      intake: createIntakeLoaders(jira, options.intake.store),
      portfolio: () => {
        portfolio ??= readWholePortfolio(jira, [options.statusReports.projectKey, options.intake.store.projectKey]).then((projects) => {
          for (const project of projects) projectByKey.prime(project.key, project);
          return projects;
        });
        return portfolio;
      },
    },
  };
}

async function readWholePortfolio(jira: JiraConnector, pmoProjectKeys: readonly string[]): Promise<JiraProject[]> {
  const all: JiraProject[] = [];
  for (let startAt = 0; ; ) {
    const page = await jira.searchProjects({ startAt, maxResults: JIRA_PROJECT_PAGE });
    all.push(...page.values);
    startAt += page.values.length;
    if (page.isLast || page.values.length === 0 || startAt >= page.total) break;
  }
  // The reports and intake projects are the PMO's filing cabinets, not delivery projects in the portfolio.
  return all.filter((p) => !pmoProjectKeys.includes(p.key.toUpperCase())).sort((a, b) => a.key.localeCompare(b.key));
}
