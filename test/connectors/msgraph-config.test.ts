import { ConfigError, loadUpstreamConfigs } from '../../connectors/config';

describe('DIRECTORY_SOURCE', () => {
  it('defaults to SCIM', () => {
    expect(loadUpstreamConfigs({ SCIM_BASE_URL: 'https://dir.example.com/scim/v2', SCIM_TOKEN: 't' }).scim?.name).toBe('scim');
  });

  it('msgraph: Graph in the directory slot, default URL, bearer token, the Graph resource rules', () => {
    const config = loadUpstreamConfigs({ DIRECTORY_SOURCE: 'msgraph', MSGRAPH_TOKEN: 'tok' }).scim!;
    expect(config).toMatchObject({ name: 'msgraph', baseUrl: 'https://graph.microsoft.com/v1.0', auth: { type: 'bearer', token: 'tok' } });
    expect(config.resilience!.resources.some((r) => r.readOnlyPost && r.pattern.test('/$batch'))).toBe(true);
  });

  it.each([
    [{ DIRECTORY_SOURCE: 'ldap' }, /DIRECTORY_SOURCE must be scim or msgraph/],
    [{ DIRECTORY_SOURCE: 'msgraph' }, /MSGRAPH_TOKEN/],
    [{ DIRECTORY_SOURCE: 'msgraph', MSGRAPH_TOKEN: 't', MSGRAPH_BASE_URL: 'graph.local' }, /MSGRAPH_BASE_URL must be an absolute/],
  ])('stops start-up naming the variable: %j', (env, message) => {
    expect(() => loadUpstreamConfigs(env)).toThrow(ConfigError);
    expect(() => loadUpstreamConfigs(env)).toThrow(message);
  });
});
