import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { getArgumentValues } from 'graphql/execution/values';
import type { ProjectsContext } from '../context';
import { issueConnection, issueRestriction } from '../issue/issue.search';

/**
 * What `project(key)` can start from the key alone, before the project look-up answers: the reads its selected
 * children will make (versions, delivery signals, status reports, an issue page and its count), so they run
 * beside the look-up instead of after it. The children then find them in the request's DataLoaders, or in
 * flight / cached in the HTTP policy (the same request is sent once), so nothing is read twice. A read started
 * here for a project that turns out not to exist costs one answer that nobody uses.
 */

/** Children of Project and the loaders their resolvers read, by the project key only. */
const BY_KEY: Record<string, ReadonlyArray<'versions' | 'deliverySignals' | 'statusReports'>> = {
  milestones: ['versions'],
  nextMilestone: ['versions'],
  issueStats: ['deliverySignals'],
  deliveryHealth: ['deliverySignals'],
  health: ['deliverySignals', 'statusReports'],
  statusReports: ['statusReports'],
  latestStatus: ['statusReports'],
  statusFreshness: ['statusReports'],
  dataQuality: ['versions', 'statusReports'],
};

export function prefetchProjectChildren(key: string, info: GraphQLResolveInfo, ctx: ProjectsContext): void {
  const started = new Set<string>();
  for (const field of childFields(info.fieldNodes[0]?.selectionSet, info)) {
    const name = field.name.value;
    for (const loader of BY_KEY[name] ?? []) {
      if (started.has(loader)) continue;
      started.add(loader);
      // Failures surface where the child awaits the same promise.
      ctx.loaders[loader].load(key).catch(() => undefined);
    }
    if (name === 'issues') prefetchIssues(key, field, info, ctx);
  }
}

function prefetchIssues(key: string, field: FieldNode, info: GraphQLResolveInfo, ctx: ProjectsContext): void {
  const definition = info.schema.getType('Project');
  const issues = definition && 'getFields' in definition ? (definition.getFields() as Record<string, Parameters<typeof getArgumentValues>[0]>).issues : undefined;
  if (!issues) return;
  try {
    const args = getArgumentValues(issues, field, info.variableValues) as Parameters<typeof issueRestriction>[1] & { first?: number; after?: string; updatedSince?: string; updatedBefore?: string; filter?: never };
    const restriction = issueRestriction({ projectKey: key }, args.filter, args.updatedSince, args.updatedBefore);
    // The child's own info only tells whether totalCount is selected; this one answers that from the field node.
    const childInfo = { ...info, fieldNodes: [field] } as GraphQLResolveInfo;
    issueConnection(ctx, restriction, true, { first: args.first, after: args.after }, childInfo).catch(() => undefined);
  } catch {
    // Bad arguments: the child reports them.
  }
}

/** The fields selected directly on the project, through fragments too. */
function* childFields(selectionSet: SelectionSetNode | undefined, info: GraphQLResolveInfo): Generator<FieldNode> {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) yield selection;
    else if (selection.kind === Kind.INLINE_FRAGMENT) yield* childFields(selection.selectionSet, info);
    else yield* childFields(info.fragments[selection.name.value]?.selectionSet, info);
  }
}
