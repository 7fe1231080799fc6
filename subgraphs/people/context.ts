import DataLoader from 'dataloader';
import type { DirectoryConnector } from '../../connectors/scim/connector';
import type { DirectoryUser } from '../../connectors/scim/models';
import { personKey } from '../common/person-ref';
import type { PeopleOptions } from './config';
import { departmentsLoader, type DepartmentRecord } from './department/department.loader';
import { ANONYMOUS_DEMO_CALLER, type Caller } from '../common/caller';

export type { PeopleOptions } from './config';

export interface PeopleLoaders {
  byEmail: DataLoader<string, DirectoryUser | null>;
  byId: DataLoader<string, DirectoryUser | null>;
  directReports: DataLoader<string, DirectoryUser[]>;
  /** Every department, from one read of the whole directory, at most once per request. */
  departments: () => Promise<DepartmentRecord[]>;
}

export interface PeopleContext {
  /** Who is asking, as the gateway vouched for it. */
  caller: Caller;
  directory: DirectoryConnector;
  options: PeopleOptions;
  loaders: PeopleLoaders;
}

/**
 * The loaders set no maxBatchSize: the connector splits a batch into as few requests as the directory accepts
 * (its advertised maxResults, the filter size a POST or GET allows), which a fixed size here would undercut.
 */
export function createPeopleContext(directory: DirectoryConnector, options: PeopleOptions, caller: Caller = ANONYMOUS_DEMO_CALLER): PeopleContext {
  const byId = new DataLoader<string, DirectoryUser | null>((ids) => directory.getUsersByIds(ids));
  const byEmail = new DataLoader<string, DirectoryUser | null>(
    async (emails) => {
      const users = await directory.getUsersByEmails(emails);
      for (const user of users) if (user) byId.prime(user.id, user);
      return users;
    },
    { cacheKeyFn: (email) => personKey(email) ?? email },
  );
  const remember = (users: readonly DirectoryUser[]) => {
    for (const user of users) {
      byId.prime(user.id, user);
      if (user.email) byEmail.prime(user.email, user);
    }
  };
  const directReports = new DataLoader<string, DirectoryUser[]>(async (managerIds) => {
    const reports = await directory.getUsersByManagerIds(managerIds);
    for (const team of reports) remember(team);
    return reports;
  });
  return { caller, directory, options, loaders: { byEmail, byId, directReports, departments: departmentsLoader(directory, remember) } };
}
