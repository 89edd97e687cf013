import { describe, test } from 'node:test';
import { coreValidators } from './index.js';
import { assertExactly, assertHas, assertValid, pod } from './validation.testing.js';

const validate = coreValidators.pods!.validate;
const app = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name: 'app', image: 'nginx:1.27', ...extra });
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character " +
  "(e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

describe('pod create', () => {
  test('a defaulted minimal pod is valid', () => {
    assertValid(validate(pod()));
  });

  test('a pod needs containers', () => {
    assertExactly(validate(pod({ containers: [] })), ['spec.containers: Required value']);
  });

  test('container names are unique DNS labels', () => {
    assertExactly(validate(pod({ containers: [app({ name: 'a' }), app({ name: 'a' })] })), ['spec.containers[1].name: Duplicate value: "a"']);
    assertExactly(validate(pod({ containers: [app({ name: 'A_b' })] })), [`spec.containers[0].name: Invalid value: "A_b": ${LABEL_MSG}`]);
    assertHas(validate(pod({ initContainers: [app()] })), 'spec.initContainers[0].name: Duplicate value: "app"');
  });

  test('images are required and untrimmed images refused in pods', () => {
    assertExactly(validate(pod({ containers: [app({ image: '' })] })), ['spec.containers[0].image: Required value']);
    assertExactly(validate(pod({ containers: [app({ image: ' nginx' })] })), [
      'spec.containers[0].image: Invalid value: " nginx": must not have leading or trailing whitespace',
    ]);
  });

  test('the pod name is a DNS subdomain', () => {
    assertHas(
      validate(pod({}, { name: 'Web' })),
      "metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', " +
        "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is " +
        "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    );
  });

  test('container ports: range, protocol, unique names, free host ports', () => {
    const ports = (...p: unknown[]): Record<string, unknown> => app({ ports: p });
    assertExactly(validate(pod({ containers: [ports({ containerPort: 70000 })] })), [
      'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive',
    ]);
    assertExactly(validate(pod({ containers: [ports({ containerPort: 80, protocol: 'HTTP' })] })), [
      'spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"',
    ]);
    assertExactly(validate(pod({ containers: [ports({ containerPort: 80, name: 'web' }, { containerPort: 81, name: 'web' })] })), [
      'spec.containers[0].ports[1].name: Duplicate value: "web"',
    ]);
    const hostPort = { containerPort: 80, hostPort: 8080 };
    assertExactly(validate(pod({ containers: [ports(hostPort), { ...ports(hostPort), name: 'other' }] })), [
      'spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//8080"',
    ]);
    assertHas(validate(pod({ containers: [ports({ containerPort: 0 })] })), 'spec.containers[0].ports[0].containerPort: Required value');
  });

  test('resources: requests within limits, known names, whole huge pages', () => {
    const res = (resources: unknown): Record<string, unknown> => app({ resources });
    assertExactly(validate(pod({ containers: [res({ limits: { cpu: '1' }, requests: { cpu: '2' } })] })), [
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    ]);
    assertExactly(validate(pod({ containers: [res({ requests: { foo: '1' } })] })), [
      'spec.containers[0].resources.requests[foo]: Invalid value: "foo": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.requests[foo]: Invalid value: "foo": must be a standard resource for containers',
    ]);
    assertExactly(validate(pod({ containers: [res({ requests: { 'example.com/gpu': '500m' }, limits: { 'example.com/gpu': '500m' } })] })), [
      'spec.containers[0].resources.limits[example.com/gpu]: Invalid value: "500m": must be an integer',
      'spec.containers[0].resources.requests[example.com/gpu]: Invalid value: "500m": must be an integer',
    ]);
    assertHas(
      validate(pod({ containers: [res({ requests: { 'example.com/gpu': '1' } })] })),
      'spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources',
    );
    assertHas(validate(pod({ containers: [res({ limits: { 'hugepages-2Mi': '1Mi' } })] })), 'spec.containers[0].resources: Forbidden: HugePages require cpu or memory');
  });

  test('volumes: unique names, one source, mounts resolve', () => {
    const emptyDir = (name: string): Record<string, unknown> => ({ name, emptyDir: {} });
    assertExactly(validate(pod({ volumes: [emptyDir('data'), emptyDir('data')] })), ['spec.volumes[1].name: Duplicate value: "data"']);
    // Defaulting turns a volume without a source into an emptyDir, as upstream's does.
    assertValid(validate(pod({ volumes: [{ name: 'data' }] })));
    const sourceless = pod({ volumes: [{ name: 'data' }] });
    (sourceless.spec as { volumes: Array<Record<string, unknown>> }).volumes[0] = { name: 'data' };
    assertExactly(validate(sourceless), ['spec.volumes[0]: Required value: must specify a volume type']);
    assertExactly(validate(pod({ volumes: [{ name: 'data', emptyDir: {}, hostPath: { path: '/x' } }] })), [
      'spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type',
    ]);
    assertExactly(validate(pod({ containers: [app({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })] })), [
      'spec.containers[0].volumeMounts[0].name: Not found: "data"',
    ]);
    const mounts = [{ name: 'data', mountPath: '/d' }, { name: 'data', mountPath: '/d' }];
    assertExactly(validate(pod({ volumes: [emptyDir('data')], containers: [app({ volumeMounts: mounts })] })), [
      'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/d": must be unique',
    ]);
    assertExactly(validate(pod({ volumes: [{ name: 's', secret: {} }] })), ['spec.volumes[0].secret.secretName: Required value']);
    assertExactly(validate(pod({ volumes: [{ name: 'c', configMap: { name: 'x', items: [{ key: 'k', path: '../up' }] } }] })), [
      "spec.volumes[0].configMap.items[0].path: Invalid value: \"../up\": must not contain '..'",
    ]);
  });

  test('restart and DNS policies are enumerations', () => {
    assertExactly(validate(pod({ restartPolicy: 'Sometimes' })), [
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
    ]);
    assertExactly(validate(pod({ dnsPolicy: 'Custom' })), [
      'spec.dnsPolicy: Unsupported value: "Custom": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
    ]);
    assertExactly(validate(pod({ dnsPolicy: 'None' })), ['spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None']);
  });

  test('probes: one handler, success threshold 1 for liveness', () => {
    const probe = { httpGet: { path: '/healthz', port: 8080 }, successThreshold: 2 };
    assertExactly(validate(pod({ containers: [app({ livenessProbe: probe })] })), [
      'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
    ]);
    assertExactly(validate(pod({ containers: [app({ readinessProbe: { periodSeconds: 5 } })] })), [
      'spec.containers[0].readinessProbe: Required value: must specify a handler type',
    ]);
    assertExactly(validate(pod({ containers: [app({ readinessProbe: { tcpSocket: { port: 'HTTP' } } })] })), [
      'spec.containers[0].readinessProbe.tcpSocket.port: Invalid value: "HTTP": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'spec.containers[0].readinessProbe.tcpSocket.port: Invalid value: "HTTP": must contain at least one letter (a-z)',
    ]);
    assertExactly(validate(pod({ initContainers: [app({ name: 'init', livenessProbe: { exec: { command: ['true'] } } })] })), [
      'spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
    ]);
  });

  test('environment variables', () => {
    assertExactly(validate(pod({ containers: [app({ env: [{ name: 'A=B', value: 'x' }] })] })), [
      "spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
    ]);
    assertExactly(validate(pod({ containers: [app({ env: [{ name: 'A', value: 'x', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }] })] })), [
      'spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
    ]);
    assertExactly(validate(pod({ containers: [app({ env: [{ name: 'A', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.bogus' } } }] })] })), [
      'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: "spec.bogus": error converting fieldPath: field label not supported: spec.bogus',
    ]);
  });

  test('scheduling: node selector labels, tolerations, affinity weights', () => {
    assertHas(validate(pod({ nodeSelector: { disk: 'very fast' } })), "spec.nodeSelector: Invalid value: \"very fast\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    const defaults = pod().spec as { tolerations: unknown[] };
    assertExactly(validate(pod({ tolerations: [...defaults.tolerations, { key: 'k', operator: 'Exists', value: 'v' }] })), [
      "spec.tolerations[2].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'",
    ]);
    const term = { weight: 0, preference: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] } };
    assertExactly(validate(pod({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [term] } } })), [
      'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
    ]);
  });

  test('ephemeral containers cannot be set on create', () => {
    const ec = { name: 'debug', image: 'busybox', imagePullPolicy: 'Always', terminationMessagePolicy: 'File' };
    assertExactly(validate(pod({ ephemeralContainers: [ec] })), ['spec.ephemeralContainers: Forbidden: cannot be set on create']);
  });

  test('security contexts: IDs in range', () => {
    assertExactly(validate(pod({ securityContext: { runAsUser: -1 } })), [
      'spec.securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive',
    ]);
    assertExactly(validate(pod({ containers: [app({ securityContext: { allowPrivilegeEscalation: false, privileged: true } })] })), [
      'spec.containers[0].securityContext: Invalid value: {"allowPrivilegeEscalation":false,"privileged":true}: cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
    ]);
  });

  test('a pod needs a termination grace period (defaulting sets one)', () => {
    const p = pod();
    delete (p.spec as Record<string, unknown>).terminationGracePeriodSeconds;
    assertExactly(validate(p), ['spec.terminationGracePeriodSeconds: Required value']);
  });
});
