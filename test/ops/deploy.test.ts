import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { validate as lintDockerfile } from 'dockerfile-utils';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { SUBGRAPHS } from '../../bin/stack';

/**
 * deploy/ without a cluster or a container engine: every Kubernetes manifest validates against the Kubernetes
 * API's JSON schemas (kubernetes-models, bundled, offline), and the objects fit together (selectors, ports,
 * probes, config references, the NetworkPolicy); the Dockerfile passes dockerfile-utils' checks and ours
 * (multi-stage, Node 24, production dependencies only, non-root); the compose file runs every role over Redis.
 */

const ROOT = path.resolve(__dirname, '../..');
const DEPLOY = path.join(ROOT, 'deploy');
const K8S = path.join(DEPLOY, 'kubernetes');

const MODELS: Record<string, { validate: (o: unknown) => void }> = {
  'apps/v1 Deployment': { validate: (o) => new Deployment(o as never).validate() },
  'autoscaling/v2 HorizontalPodAutoscaler': { validate: (o) => new HorizontalPodAutoscaler(o as never).validate() },
  'networking.k8s.io/v1 NetworkPolicy': { validate: (o) => new NetworkPolicy(o as never).validate() },
  'policy/v1 PodDisruptionBudget': { validate: (o) => new PodDisruptionBudget(o as never).validate() },
  'v1 ConfigMap': { validate: (o) => new ConfigMap(o as never).validate() },
  'v1 Secret': { validate: (o) => new Secret(o as never).validate() },
  'v1 Service': { validate: (o) => new Service(o as never).validate() },
  'v1 Namespace': { validate: (o) => new Namespace(o as never).validate() },
};

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  file: string;
}

const kustomization = parseYaml(readFileSync(path.join(K8S, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
const objects: K8sObject[] = readdirSync(K8S)
  .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
  .flatMap((file) =>
    parseAllDocuments(readFileSync(path.join(K8S, file), 'utf8')).map((doc) => {
      expect([file, doc.errors.map(String)]).toEqual([file, []]);
      return { ...(doc.toJS() as Omit<K8sObject, 'file'>), file };
    }),
  );
const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) => Object.entries(selector).every(([k, v]) => labels[k] === v);

test('kustomization.yaml lists every manifest file, and each exists', () => {
  const files = readdirSync(K8S).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
  expect([...kustomization.resources].sort()).toEqual(files.sort());
});

test.each(objects.map((o) => [`${o.file}: ${o.kind} ${o.metadata?.name}`, o] as const))('%s validates against the Kubernetes schema', (_name, object) => {
  const model = MODELS[`${object.apiVersion} ${object.kind}`];
  expect(model).toBeDefined();
  const { file: _file, ...manifest } = object;
  expect(() => model.validate(manifest)).not.toThrow();
});

test('a Deployment, Service, HPA and PDB for the gateway and for each subgraph, wired to each other', () => {
  const names = ['pmo-gateway', ...SUBGRAPHS.map((s) => `pmo-${s}`)];
  for (const name of names) {
    const deployment = ofKind('Deployment').find((d) => d.metadata.name === name)!;
    expect([name, Boolean(deployment)]).toEqual([name, true]);
    const podLabels = deployment.spec.template.metadata.labels;
    expect(matches(deployment.spec.selector.matchLabels, podLabels)).toBe(true);
    const [container] = deployment.spec.template.spec.containers;
    const portNames = container.ports.map((p: { name: string }) => p.name);

    const service = ofKind('Service').find((s) => s.metadata.name === name)!;
    expect(matches(service.spec.selector, podLabels)).toBe(true);
    for (const port of service.spec.ports) expect(portNames).toContain(port.targetPort);

    const hpa = ofKind('HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === name)!;
    expect(hpa.spec.scaleTargetRef.kind).toBe('Deployment');
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);

    const pdb = ofKind('PodDisruptionBudget').find((p) => matches(p.spec.selector.matchLabels, podLabels))!;
    expect(pdb.spec.minAvailable).toBeLessThan(hpa.spec.minReplicas);

    expect(container.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/health', port: 'http' });
    expect(deployment.spec.template.metadata.annotations['prometheus.io/path']).toBe('/metrics');
    // Grace period covers the drain: SHUTDOWN_DELAY_MS + SHUTDOWN_TIMEOUT_MS.
    const config = ofKind('ConfigMap')[0].data!;
    expect(deployment.spec.template.spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(Number(config.SHUTDOWN_DELAY_MS) + Number(config.SHUTDOWN_TIMEOUT_MS));
  }
});

test('every pod runs the one image, non-root, read-only, no privilege escalation, with its role as the command', () => {
  const entrypoint = readFileSync(path.join(DEPLOY, 'entrypoint.sh'), 'utf8');
  for (const deployment of ofKind('Deployment')) {
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    for (const container of pod.containers) {
      expect(container.image).toBe('pmo-graph');
      expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      expect(container.resources.requests).toBeDefined();
      const [role, name] = container.args as string[];
      expect(entrypoint).toContain(`  ${role})`);
      if (role === 'subgraph') {
        expect(SUBGRAPHS).toContain(name);
        expect(container.ports[0].containerPort).toBe(Number(ofKind('ConfigMap')[0].data![`${name.toUpperCase()}_PORT`]));
      }
    }
  }
});

test('config references resolve: envFrom names a ConfigMap or Secret that exists; the gateway routes to the Services', () => {
  const configMaps = new Set(ofKind('ConfigMap').map((c) => c.metadata.name));
  const secrets = new Set(ofKind('Secret').map((s) => s.metadata.name));
  for (const deployment of ofKind('Deployment')) {
    for (const source of deployment.spec.template.spec.containers[0].envFrom) {
      if (source.configMapRef) expect(configMaps).toContain(source.configMapRef.name);
      if (source.secretRef) expect(secrets).toContain(source.secretRef.name);
    }
  }
  const gateway = ofKind('Deployment').find((d) => d.metadata.name === 'pmo-gateway')!;
  expect(JSON.stringify(gateway.spec.template.spec.containers[0].envFrom)).not.toContain('secretRef');
  const config = ofKind('ConfigMap')[0].data!;
  for (const subgraph of SUBGRAPHS) {
    const url = new URL(config[`${subgraph.toUpperCase()}_URL`]);
    const service = ofKind('Service').find((s) => s.metadata.name === url.hostname)!;
    expect([subgraph, service?.spec.ports[0].port]).toEqual([subgraph, Number(url.port)]);
  }
  for (const value of Object.values(ofKind('Secret')[0].stringData!)) expect(value).not.toMatch(/demo-/);
});

test('the NetworkPolicy lets only the gateway (and Prometheus) reach the subgraphs', () => {
  const policies = ofKind('NetworkPolicy');
  const subgraphPods = ofKind('Deployment')
    .filter((d) => d.metadata.name !== 'pmo-gateway')
    .map((d) => d.spec.template.metadata.labels as Record<string, string>);
  const gatewayPods = ofKind('Deployment').find((d) => d.metadata.name === 'pmo-gateway')!.spec.template.metadata.labels;
  for (const labels of subgraphPods) {
    const covering = policies.filter((p) => matches(p.spec.podSelector.matchLabels, labels));
    expect(covering).toHaveLength(1);
    const [policy] = covering;
    expect(policy.spec.policyTypes).toEqual(['Ingress']);
    for (const rule of policy.spec.ingress) {
      expect(rule.from?.length).toBeGreaterThan(0);
      for (const peer of rule.from) {
        if (peer.podSelector) expect(matches(peer.podSelector.matchLabels, gatewayPods)).toBe(true);
        else expect(peer.namespaceSelector.matchLabels).toEqual({ 'kubernetes.io/metadata.name': 'monitoring' });
      }
    }
    expect(matches(policy.spec.podSelector.matchLabels, gatewayPods)).toBe(false);
  }
});

test('the Dockerfile: clean lint, multi-stage on Node 24, production dependencies only, non-root, role as command', () => {
  const text = readFileSync(path.join(DEPLOY, 'Dockerfile'), 'utf8');
  expect(lintDockerfile(text).map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  const from = [...text.matchAll(/^FROM (\S+)(?: AS (\S+))?$/gm)];
  expect(from.length).toBeGreaterThanOrEqual(2);
  for (const [, image] of from) expect(image).toMatch(/^node:24-/);
  const runtime = text.slice(text.lastIndexOf('\nFROM '));
  expect(runtime).toContain('npm ci --omit=dev');
  expect(runtime).not.toMatch(/npm (ci|install)(?! --omit=dev)/);
  expect(runtime).toMatch(/^USER (?!root|0\b)\S+$/m);
  expect(runtime).toMatch(/^ENTRYPOINT \["\/usr\/local\/bin\/pmo-graph"\]$/m);
  expect(runtime).toMatch(/^CMD \["gateway"\]$/m);
  // Every file the runtime stage copies from the context exists, and every role's entry point is built.
  for (const [, source] of runtime.matchAll(/^COPY (?!--from)(\S+)/gm)) expect([source, existsSync(path.join(ROOT, source))]).toEqual([source, true]);
  for (const [, entry] of readFileSync(path.join(DEPLOY, 'entrypoint.sh'), 'utf8').matchAll(/dist\/(bin\/\w+)\.js/g)) {
    expect([entry, existsSync(path.join(ROOT, `${entry}.ts`))]).toEqual([entry, true]);
  }
});

test('compose runs Redis, the simulators, each subgraph and the gateway from the one image', () => {
  const compose = parseYaml(readFileSync(path.join(DEPLOY, 'compose.yaml'), 'utf8'), { merge: true }) as {
    services: Record<string, { image: string; command?: string[]; environment?: Record<string, string> }>;
  };
  expect(Object.keys(compose.services).sort()).toEqual(['gateway', 'people', 'projects', 'redis', 'simulators', 'tickets']);
  expect(compose.services.gateway.command).toEqual(['gateway']);
  for (const subgraph of SUBGRAPHS) {
    const service = compose.services[subgraph];
    expect(service.image).toBe('pmo-graph:local');
    expect(service.command).toEqual(['subgraph', subgraph]);
    expect(service.environment!.REDIS_URL).toBe('redis://redis:6379');
    expect(compose.services.gateway.environment![`${subgraph.toUpperCase()}_URL`]).toBe(`http://${subgraph}:${service.environment![`${subgraph.toUpperCase()}_PORT`]}/graphql`);
  }
});
