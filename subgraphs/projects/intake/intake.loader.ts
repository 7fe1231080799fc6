import DataLoader from 'dataloader';
import type { JiraConnector } from '../../../connectors/jira/connector';
import type { IntakeStore, JiraProposal, Scorecard } from '../../../connectors/jira/proposals.models';

export interface ProposalDetail {
  proposal: JiraProposal;
  scorecards: Scorecard[];
}

export interface IntakeLoaders {
  /** Every proposal (one search, both proposal properties), read once per request, in key order. */
  proposals: () => Promise<JiraProposal[]>;
  /** A proposal with its scorecards: one `GET /issue/{key}?properties=*all` each, all in the same tick. */
  detail: DataLoader<string, ProposalDetail | null>;
}

export function createIntakeLoaders(jira: JiraConnector, store: IntakeStore): IntakeLoaders {
  let all: Promise<JiraProposal[]> | undefined;
  return {
    proposals: () => {
      all ??= jira.listProposals(store).then((list) => list.sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true })));
      return all;
    },
    detail: new DataLoader((keys) => Promise.all(keys.map((key) => jira.getProposal(store, key)))),
  };
}
