import DataLoader from 'dataloader';
import type { DirectoryConnector } from '../../connectors/scim/connector';
import { ENTERPRISE_USER, scim } from '../../connectors/scim/filter';
import type { DirectoryUser } from '../../connectors/scim/models';
import { personKey } from '../common/person-ref';

export interface PeopleOptions {
  /** Whether employeeNumber, phone and costCenter resolve (until the gateway's authorization decides per caller). */
  exposeSensitiveFields: boolean;
}

export interface PeopleLoaders {
  byEmail: DataLoader<string, DirectoryUser | null>;
  byId: DataLoader<string, DirectoryUser | null>;
  directReports: DataLoader<string, DirectoryUser[]>;
}

export interface PeopleContext {
  directory: DirectoryConnector;
  options: PeopleOptions;
  loaders: PeopleLoaders;
}

/** SCIM filters ORed per request; the connector chunks further if the server accepts fewer. */
const FILTER_TERMS = 50;

export function createPeopleContext(directory: DirectoryConnector, options: PeopleOptions): PeopleContext {
  const byId = new DataLoader<string, DirectoryUser | null>((ids) => directory.getUsersByIds(ids), { maxBatchSize: FILTER_TERMS });
  const byEmail = new DataLoader<string, DirectoryUser | null>(
    async (emails) => {
      const users = await directory.getUsersByEmails(emails);
      for (const user of users) if (user) byId.prime(user.id, user);
      return users;
    },
    { maxBatchSize: FILTER_TERMS, cacheKeyFn: (email) => personKey(email) ?? email },
  );
  const directReports = new DataLoader<string, DirectoryUser[]>(
    async (managerIds) => {
      const reports = await directory.listAllUsers(scim.or(...managerIds.map((id) => scim.eq(`${ENTERPRISE_USER}:manager.value`, id))));
      for (const user of reports) {
        byId.prime(user.id, user);
        if (user.email) byEmail.prime(user.email, user);
      }
      return managerIds.map((id) => reports.filter((u) => u.managerId === id));
    },
    { maxBatchSize: FILTER_TERMS },
  );
  return { directory, options, loaders: { byEmail, byId, directReports } };
}
