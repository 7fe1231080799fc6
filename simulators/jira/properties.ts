import type { Route, SimRequest, SimResponse } from '../common/server';
import { jiraError, projectNotFound } from './errors';
import type { JiraEvents } from './edits';
import type { JiraStore } from './store';

/**
 * Jira entity properties: free JSON stored against a project or an issue under a key, read back by key or
 * all at once through search `properties=`. Stored by entity id, so key and id address the same entity.
 */
export class EntityProperties {
  private readonly byEntity = new Map<string, Map<string, unknown>>();

  keys(entityId: string): string[] {
    return [...(this.byEntity.get(entityId)?.keys() ?? [])];
  }

  has(entityId: string, key: string): boolean {
    return this.byEntity.get(entityId)?.has(key) ?? false;
  }

  get(entityId: string, key: string): unknown {
    return this.byEntity.get(entityId)?.get(key);
  }

  /** Returns true when the property was created, false when it replaced a value. */
  set(entityId: string, key: string, value: unknown): boolean {
    let entity = this.byEntity.get(entityId);
    if (!entity) {
      entity = new Map();
      this.byEntity.set(entityId, entity);
    }
    const created = !entity.has(key);
    entity.set(key, value);
    return created;
  }

  /** The `properties` object of a search result: only the requested keys that exist. */
  pick(entityId: string, keys: readonly string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const key of keys) if (this.has(entityId, key)) out[key] = this.get(entityId, key);
    return out;
  }
}

const MAX_VALUE_BYTES = 32_768;
const MAX_KEY_LENGTH = 255;

interface PropertyEntity {
  id: string;
  /** The path segment clients used, for self links. */
  label: string;
}

/** GET the keys, GET/PUT one property, for one kind of entity (`project` or `issue`). */
function entityPropertyRoutes(
  kind: 'project' | 'issue',
  store: EntityProperties,
  find: (idOrKey: string) => PropertyEntity | undefined,
  notFound: (idOrKey: string) => SimResponse,
  api: string,
  /** Told of every property set (the webhook Jira sends for it). */
  onSet: (entityId: string, key: string, value: unknown) => void = () => undefined,
): Route[] {
  const base = `${api}/${kind}/:idOrKey/properties`;
  const self = (req: SimRequest, entity: PropertyEntity, key: string) =>
    `${req.baseUrl}${api}/${kind}/${encodeURIComponent(entity.label)}/properties/${encodeURIComponent(key)}`;

  return [
    {
      method: 'GET',
      pattern: base,
      handler: (req) => {
        const entity = find(req.params.idOrKey);
        if (!entity) return notFound(req.params.idOrKey);
        return { status: 200, body: { keys: store.keys(entity.id).map((key) => ({ key, self: self(req, entity, key) })) } };
      },
    },
    {
      method: 'GET',
      pattern: `${base}/:propertyKey`,
      handler: (req) => {
        const entity = find(req.params.idOrKey);
        if (!entity) return notFound(req.params.idOrKey);
        const key = req.params.propertyKey;
        if (!store.has(entity.id, key)) {
          return jiraError(404, `The property '${key}' does not exist.`);
        }
        return { status: 200, body: { key, value: store.get(entity.id, key) } };
      },
    },
    {
      method: 'PUT',
      pattern: `${base}/:propertyKey`,
      handler: (req) => {
        const entity = find(req.params.idOrKey);
        if (!entity) return notFound(req.params.idOrKey);
        const key = req.params.propertyKey;
        if (key.length > MAX_KEY_LENGTH) {
          return jiraError(400, `The property key can't be longer than ${MAX_KEY_LENGTH} characters.`);
        }
        // The server core hands unparseable bodies over as text, so a bare string is refused as invalid JSON
        // (a JSON string value is refused with it; property values are objects in practice).
        if (req.body === undefined || typeof req.body === 'string') {
          return jiraError(400, 'The property value must be a valid, non-empty JSON value.');
        }
        if (Buffer.byteLength(JSON.stringify(req.body), 'utf8') > MAX_VALUE_BYTES) {
          return jiraError(400, `The property value can't be longer than ${MAX_VALUE_BYTES} characters.`);
        }
        const created = store.set(entity.id, key, req.body);
        onSet(entity.id, key, req.body);
        return { status: created ? 201 : 200, body: {} };
      },
    },
  ];
}

export function propertyRoutes(jira: JiraStore, events?: JiraEvents): Route[] {
  return [
    ...entityPropertyRoutes(
      'project',
      jira.projectProperties,
      (idOrKey) => {
        const project = jira.project(idOrKey);
        return project && { id: project.id, label: idOrKey };
      },
      projectNotFound,
      jira.api,
    ),
    ...entityPropertyRoutes(
      'issue',
      jira.issueProperties,
      (idOrKey) => {
        const issue = jira.issue(idOrKey);
        return issue && { id: issue.id, label: idOrKey };
      },
      () => jiraError(404, 'Issue does not exist or you do not have permission to see it.'),
      jira.api,
      (issueId, key, value) => {
        const issue = jira.issue(issueId);
        if (issue) events?.issueProperty(issue, key, value);
      },
    ),
  ];
}
