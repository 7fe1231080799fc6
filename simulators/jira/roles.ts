import type { Route } from '../common/server';
import type { DemoPerson, DemoProject } from '../data/dataset';
import { jiraError, projectNotFound } from './errors';
import type { JiraStore } from './store';

/**
 * Project roles: Administrators holds the project lead, Developers the project team. `/role` lists the
 * roles themselves (no project scope, no default actors).
 */

interface RoleDef {
  id: number;
  name: string;
  description: string;
  members: (project: DemoProject, store: JiraStore) => DemoPerson[];
}

const ROLES: readonly RoleDef[] = [
  {
    id: 10002,
    name: 'Administrators',
    description: 'A project role that represents administrators in a project',
    members: (project, store) => [store.person(project.leadId)].filter((p): p is DemoPerson => p !== null),
  },
  {
    id: 10001,
    name: 'Developers',
    description: 'A project role that represents developers in a project',
    members: (project, store) => project.team.map((m) => store.person(m.personId)).filter((p): p is DemoPerson => p !== null),
  },
];

const roleNotFound = (id: string) => jiraError(404, `The project role with id '${id}' does not exist.`);

export function roleRoutes(store: JiraStore): Route[] {
  const find = (id: string) => ROLES.find((r) => String(r.id) === id);
  const bare = (base: string, role: RoleDef) => ({
    self: `${base}${store.api}/role/${role.id}`,
    name: role.name,
    id: role.id,
    description: role.description,
    actors: [],
  });

  return [
    {
      method: 'GET',
      pattern: '/rest/api/3/project/:idOrKey/role',
      handler: (req) => {
        const project = store.project(req.params.idOrKey);
        if (!project) return projectNotFound(req.params.idOrKey);
        const url = (id: number) => `${req.baseUrl}${store.api}/project/${project.key}/role/${id}`;
        return { status: 200, body: Object.fromEntries(ROLES.map((r) => [r.name, url(r.id)])) };
      },
    },
    {
      method: 'GET',
      pattern: '/rest/api/3/project/:idOrKey/role/:id',
      handler: (req) => {
        const project = store.project(req.params.idOrKey);
        if (!project) return projectNotFound(req.params.idOrKey);
        const role = find(req.params.id);
        if (!role) return roleNotFound(req.params.id);
        const offset = ROLES.indexOf(role) * 50;
        return {
          status: 200,
          body: {
            self: `${req.baseUrl}${store.api}/project/${project.key}/role/${role.id}`,
            name: role.name,
            id: role.id,
            description: role.description,
            actors: role.members(project, store).map((person, i) => ({
              id: Number(project.id) * 100 + offset + i,
              displayName: person.displayName,
              type: 'atlassian-user-role-actor',
              // Data Center actors are named by username; Cloud's by account id.
              ...(store.deployment === 'cloud' ? { actorUser: { accountId: person.jiraAccountId } } : { name: store.userName(person) }),
            })),
            scope: { type: 'PROJECT', project: { id: project.id, key: project.key, name: project.name } },
          },
        };
      },
    },
    { method: 'GET', pattern: '/rest/api/3/role', handler: (req) => ({ status: 200, body: ROLES.map((r) => bare(req.baseUrl, r)) }) },
    {
      method: 'GET',
      pattern: '/rest/api/3/role/:id',
      handler: (req) => {
        const role = find(req.params.id);
        return role ? { status: 200, body: bare(req.baseUrl, role) } : roleNotFound(req.params.id);
      },
    },
  ];
}
