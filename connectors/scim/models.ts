/** Domain objects the SCIM connector returns. Raw SCIM JSON never leaves connectors/scim. */

export interface DirectoryUser {
  id: string;
  userName: string;
  /** Lower-cased work (or primary) email: the join key across systems. */
  email: string | null;
  displayName: string;
  givenName: string | null;
  familyName: string | null;
  title: string | null;
  department: string | null;
  division: string | null;
  organization: string | null;
  costCenter: string | null;
  employeeNumber: string | null;
  phone: string | null;
  location: string | null;
  active: boolean;
  /** The manager's SCIM id, from the enterprise extension's `manager.value` (or its `$ref`). */
  managerId: string | null;
  managerDisplayName: string | null;
}

export interface DirectoryGroup {
  id: string;
  displayName: string;
  memberIds: string[];
}

export interface DirectoryPage<T> {
  items: T[];
  totalResults: number;
  startIndex: number;
}
