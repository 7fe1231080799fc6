import { ConfigError, loadHttpSettings, loadUpstreamConfigs } from '../../connectors/config';

/** The resilience settings: defaults, overrides, and a bad value stopping start-up with the variable's name. */

it('has defaults sized per upstream and per resource class', () => {
  const settings = loadHttpSettings({});
  expect(settings.policies.jira.pacing).toMatchObject({ maxConcurrency: 10, requestsPerSecond: 50 });
  expect(settings.policies.servicenow.pacing).toMatchObject({ maxConcurrency: 8, requestsPerSecond: 20 });
  expect(settings.policies.scim.cache.ttlSeconds).toEqual({ projects: 300, people: 600, issues: 30, tickets: 30, reference: 3600 });
  expect(settings.policies.jira.retry).toMatchObject({ maxRetries: 2, maxRetryAfterMs: 30_000, budgetRatio: 0.2 });
  expect(settings.policies.jira.breaker).toEqual({ failureThreshold: 5, cooldownMs: 30_000 });
  expect(settings.cacheStore).toEqual({ redisUrl: undefined, namespace: 'pmo-graph', maxEntries: 10_000 });
  expect(settings.operationDeadlineMs).toBe(15_000);
  expect(settings.timeoutMs).toEqual({ jira: 10_000, servicenow: 10_000, scim: 10_000 });
});

it('reads overrides, per upstream where the setting is per upstream', () => {
  const settings = loadHttpSettings({
    JIRA_MAX_RETRIES: '0',
    SERVICENOW_MAX_CONCURRENCY: '2',
    SCIM_REQUESTS_PER_SECOND: '2.5',
    JIRA_BREAKER_FAILURES: '3',
    JIRA_BREAKER_COOLDOWN_MS: '5000',
    CACHE_TTL_TICKETS_SECONDS: '0',
    CACHE_STALE_IF_ERROR_SECONDS: '600',
    REDIS_URL: 'redis://127.0.0.1:6379',
    CACHE_NAMESPACE: 'pmo-test',
    OPERATION_DEADLINE_MS: '8000',
    SCIM_TIMEOUT_MS: '3000',
  });
  expect(settings.policies.jira.retry.maxRetries).toBe(0);
  expect(settings.policies.scim.retry.maxRetries).toBe(2);
  expect(settings.policies.servicenow.pacing.maxConcurrency).toBe(2);
  expect(settings.policies.scim.pacing.requestsPerSecond).toBe(2.5);
  expect(settings.policies.jira.breaker).toEqual({ failureThreshold: 3, cooldownMs: 5000 });
  expect(settings.policies.servicenow.cache.ttlSeconds.tickets).toBe(0);
  expect(settings.policies.jira.cache.staleIfErrorSeconds).toBe(600);
  expect(settings.cacheStore).toEqual({ redisUrl: 'redis://127.0.0.1:6379', namespace: 'pmo-test', maxEntries: 10_000 });
  expect(settings.operationDeadlineMs).toBe(8000);
  expect(settings.timeoutMs.scim).toBe(3000);
  expect(loadHttpSettings({ CACHE_ENABLED: 'false' }).cacheStore).toBeNull();
});

it.each([
  ['JIRA_MAX_RETRIES', '-1'],
  ['JIRA_MAX_RETRIES', '11'],
  ['SERVICENOW_MAX_CONCURRENCY', '0'],
  ['SCIM_REQUESTS_PER_SECOND', 'fast'],
  ['CACHE_TTL_PEOPLE_SECONDS', '1.5'],
  ['HTTP_RETRY_BUDGET_RATIO', '2'],
  ['OPERATION_DEADLINE_MS', '0'],
  ['REDIS_URL', 'localhost:6379'],
  ['CACHE_NAMESPACE', 'a b'],
  ['CACHE_ENABLED', 'maybe'],
])('%s=%s stops start-up naming the variable', (variable, value) => {
  expect(() => loadHttpSettings({ [variable]: value })).toThrow(ConfigError);
  expect(() => loadHttpSettings({ [variable]: value })).toThrow(variable);
});

it('gives a configured upstream its policy and cache store', () => {
  const { jira } = loadUpstreamConfigs({ JIRA_BASE_URL: 'https://x.atlassian.net', JIRA_PAT: 't', JIRA_MAX_RETRIES: '1' });
  expect(jira!.resilience!.retry.maxRetries).toBe(1);
  expect(jira!.cacheStore).toMatchObject({ namespace: 'pmo-graph' });
});
