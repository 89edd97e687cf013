// The less common pod spec rules: one failing case each, with upstream's message.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { coreValidators } from './index.js';
import { assertExactly, assertHas, assertValid, pod } from './validation.testing.js';

const validate = coreValidators.pods!.validate;
const app = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name: 'app', image: 'nginx:1.27', ...extra });

describe('pod spec details', () => {
  test('projected volumes: one kind per source, distinct paths, tokens need a service account', () => {
    const sources = [{ configMap: { name: 'a', items: [{ key: 'k', path: 'p' }] } }, { secret: { name: 'b', items: [{ key: 'k', path: 'p' }] } }];
    assertExactly(validate(pod({ volumes: [{ name: 'v', projected: { sources } }] })), [
      'spec.volumes[0].projected: Invalid value: "b": conflicting duplicate paths',
    ]);
    const both = [{ configMap: { name: 'a' }, secret: { name: 'b' } }];
    assertExactly(validate(pod({ volumes: [{ name: 'v', projected: { sources: both } }] })), [
      'spec.volumes[0].projected.sources[0]: Forbidden: may not specify more than 1 volume type per source',
    ]);
    const token = [{ serviceAccountToken: { path: 'token', expirationSeconds: 60 } }];
    assertExactly(validate(pod({ volumes: [{ name: 'v', projected: { sources: token } }] })), [
      'spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes',
    ]);
    const noAccount = pod({ volumes: [{ name: 'v', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }] });
    (noAccount.spec as Record<string, unknown>).serviceAccountName = '';
    assertHas(validate(noAccount), 'spec.volumes[0].projected.sources[0].serviceAccountToken: Forbidden: must not be specified when serviceAccountName is not set');
  });

  test('downwardAPI volume files are checked at the volume path', () => {
    assertExactly(validate(pod({ volumes: [{ name: 'v', downwardAPI: { items: [{ path: 'labels' }] } }] })), [
      'spec.volumes[0].downwardAPI: Required value: one of fieldRef and resourceFieldRef is required',
    ]);
  });

  test('file modes are within 0777', () => {
    assertExactly(validate(pod({ volumes: [{ name: 'v', secret: { secretName: 's', defaultMode: 0o1000 } }] })), [
      'spec.volumes[0].secret.defaultMode: Invalid value: 512: must be a number between 0 and 0777 (octal), both inclusive',
    ]);
  });

  test('host paths: no backsteps, known types', () => {
    assertExactly(validate(pod({ volumes: [{ name: 'v', hostPath: { path: '/a/../b', type: '' } }] })), [
      "spec.volumes[0].hostPath.path: Invalid value: \"/a/../b\": must not contain '..'",
    ]);
    assertExactly(validate(pod({ volumes: [{ name: 'v', hostPath: { path: '/a', type: 'Folder' } }] })), [
      'spec.volumes[0].hostPath.type: Unsupported value: "Folder": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
    ]);
  });

  test('mount propagation Bidirectional needs a privileged container', () => {
    const mounts = [{ name: 'v', mountPath: '/v', mountPropagation: 'Bidirectional' }];
    assertExactly(validate(pod({ volumes: [{ name: 'v', emptyDir: {} }], containers: [app({ volumeMounts: mounts })] })), [
      'spec.containers[0].volumeMounts.mountPropagation: Forbidden: Bidirectional mount propagation is available only to privileged containers',
    ]);
  });

  test('sidecars (restartPolicy Always) may have probes; other init containers may not', () => {
    const probe = { exec: { command: ['true'] } };
    assertValid(validate(pod({ initContainers: [app({ name: 'side', restartPolicy: 'Always', readinessProbe: probe })] })));
    assertExactly(validate(pod({ initContainers: [app({ name: 'init', restartPolicy: 'OnFailure' })] })), [
      'spec.initContainers[0].restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    ]);
    assertExactly(validate(pod({ containers: [app({ restartPolicy: 'Always' })] })), [
      'spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers',
    ]);
  });

  test('resize policy and restartPolicy Never', () => {
    assertExactly(validate(pod({ restartPolicy: 'Never', containers: [app({ resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'RestartContainer' }] })] })), [
      "spec.containers[0].resizePolicy: Invalid value: \"RestartContainer\": must be 'NotRequired' when `restartPolicy` is 'Never'",
    ]);
  });

  test('pod-level resources cover the containers', () => {
    const resources = { requests: { cpu: '1' }, limits: { cpu: '1' } };
    assertExactly(validate(pod({ resources: { requests: { cpu: '500m' } }, containers: [app({ resources })] })), [
      'spec.resources.requests[cpu]: Invalid value: "500m": must be greater than or equal to aggregate container requests of 1',
    ]);
  });

  test('sysctls: names, uniqueness, host namespaces', () => {
    assertExactly(validate(pod({ securityContext: { sysctls: [{ name: 'Bad', value: '1' }] } })), [
      'spec.securityContext.sysctls[0].name: Invalid value: "Bad": must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$',
    ]);
    assertExactly(validate(pod({ hostNetwork: true, securityContext: { sysctls: [{ name: 'net.core.somaxconn', value: '1' }] } })), [
      "spec.securityContext.sysctls[0].name: Invalid value: \"net.core.somaxconn\": may not be specified when 'hostNetwork' is true",
    ]);
  });

  test('seccomp and AppArmor profiles', () => {
    assertExactly(validate(pod({ securityContext: { seccompProfile: { type: 'Localhost' } } })), [
      'spec.securityContext.seccompProfile.localhostProfile: Required value: must be set when seccomp type is Localhost',
    ]);
    assertExactly(validate(pod({ securityContext: { appArmorProfile: { type: 'Custom' } } })), [
      'spec.securityContext.appArmorProfile.type: Unsupported value: "Custom": supported values: "Localhost", "RuntimeDefault", "Unconfined"',
    ]);
  });

  test('OS-specific fields', () => {
    assertExactly(validate(pod({ os: { name: 'windows' }, securityContext: { runAsUser: 1000 } })), [
      'spec.securityContext.runAsUser: Forbidden: cannot be set for a windows pod',
    ]);
    assertExactly(validate(pod({ os: { name: 'plan9' } })), ['spec.os: Unsupported value: "plan9": supported values: "linux", "windows"']);
  });

  test('topology spread constraints', () => {
    const c = { maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' };
    assertExactly(validate(pod({ topologySpreadConstraints: [c] })), [
      'spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero',
    ]);
    const ok = { ...c, maxSkew: 1 };
    assertExactly(validate(pod({ topologySpreadConstraints: [ok, ok] })), [
      'spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}: Duplicate value: "{zone, DoNotSchedule}"',
    ]);
  });

  test('pod affinity terms need a topology key', () => {
    const term = { labelSelector: { matchLabels: { app: 'db' } } };
    assertExactly(validate(pod({ affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } } })), [
      'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty',
      "spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": name part must be non-empty",
      "spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
  });

  test('DNS config, host aliases, scheduling gates', () => {
    assertExactly(validate(pod({ dnsConfig: { nameservers: ['1.1.1.1', '8.8.8.8', '9.9.9.9', '1.0.0.1'] } })), [
      'spec.dnsConfig.nameservers: Invalid value: ["1.1.1.1","8.8.8.8","9.9.9.9","1.0.0.1"]: must not have more than 3 nameservers',
    ]);
    assert.deepEqual(validate(pod({ hostAliases: [{ ip: '10.0.0.1', hostnames: ['Bad_Host'] }] })).map((e) => e.field), ['spec.hostAliases[0].hostnames[0]']);
    assertExactly(validate(pod({ nodeName: 'n1', schedulingGates: [{ name: 'example.com/gate' }] })), [
      'spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared',
    ]);
  });

  test('pod annotations: mirror pods, deletion cost', () => {
    assertExactly(validate(pod({}, { annotations: { 'kubernetes.io/config.mirror': 'x' } })), [
      'metadata.annotations[kubernetes.io/config.mirror]: Invalid value: "x": must set spec.nodeName if mirror pod annotation is set',
    ]);
    assertExactly(validate(pod({}, { annotations: { 'controller.kubernetes.io/pod-deletion-cost': '+10' } })), [
      'metadata.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value: "+10": must be a 32bit integer',
    ]);
  });
});
