// Short names and categories of the built-in resources. The OpenAPI document does not
// carry them; upstream declares them in each resource's REST storage (the ShortNames() and
// Categories() methods under pkg/registry/…/storage and in apiextensions-apiserver), and
// discovery serves them. They are the same in every version of a resource.

/** What discovery lists besides the names derived from the kind. */
export interface ResourceNames {
  shortNames: string[];
  categories: string[];
}

/** Members of `kubectl get all`. */
const ALL = ['all'];
/** Resources that extend the API or hook into admission. */
const API_EXTENSIONS = ['api-extensions'];

/** Keyed by group-qualified resource, written as upstream prints a GroupResource. */
const TABLE: Readonly<Record<string, { shortNames?: string[]; categories?: string[] }>> = {
  // core
  componentstatuses: { shortNames: ['cs'] },
  configmaps: { shortNames: ['cm'] },
  endpoints: { shortNames: ['ep'] },
  events: { shortNames: ['ev'] },
  limitranges: { shortNames: ['limits'] },
  namespaces: { shortNames: ['ns'] },
  nodes: { shortNames: ['no'] },
  persistentvolumeclaims: { shortNames: ['pvc'] },
  persistentvolumes: { shortNames: ['pv'] },
  pods: { shortNames: ['po'], categories: ALL },
  replicationcontrollers: { shortNames: ['rc'], categories: ALL },
  resourcequotas: { shortNames: ['quota'] },
  serviceaccounts: { shortNames: ['sa'] },
  services: { shortNames: ['svc'], categories: ALL },
  // admissionregistration.k8s.io
  'mutatingadmissionpolicies.admissionregistration.k8s.io': { categories: API_EXTENSIONS },
  'mutatingadmissionpolicybindings.admissionregistration.k8s.io': { categories: API_EXTENSIONS },
  'mutatingwebhookconfigurations.admissionregistration.k8s.io': { categories: API_EXTENSIONS },
  'validatingadmissionpolicies.admissionregistration.k8s.io': { categories: API_EXTENSIONS },
  'validatingadmissionpolicybindings.admissionregistration.k8s.io': { categories: API_EXTENSIONS },
  'validatingwebhookconfigurations.admissionregistration.k8s.io': { categories: API_EXTENSIONS },
  // apiextensions.k8s.io
  'customresourcedefinitions.apiextensions.k8s.io': { shortNames: ['crd', 'crds'], categories: API_EXTENSIONS },
  // apps
  'daemonsets.apps': { shortNames: ['ds'], categories: ALL },
  'deployments.apps': { shortNames: ['deploy'], categories: ALL },
  'replicasets.apps': { shortNames: ['rs'], categories: ALL },
  'statefulsets.apps': { shortNames: ['sts'], categories: ALL },
  // autoscaling
  'horizontalpodautoscalers.autoscaling': { shortNames: ['hpa'], categories: ALL },
  // batch
  'cronjobs.batch': { shortNames: ['cj'], categories: ALL },
  'jobs.batch': { categories: ALL },
  // certificates.k8s.io
  'certificatesigningrequests.certificates.k8s.io': { shortNames: ['csr'] },
  // events.k8s.io
  'events.events.k8s.io': { shortNames: ['ev'] },
  // networking.k8s.io
  'ingresses.networking.k8s.io': { shortNames: ['ing'] },
  'ipaddresses.networking.k8s.io': { shortNames: ['ip'] },
  'networkpolicies.networking.k8s.io': { shortNames: ['netpol'] },
  // policy
  'poddisruptionbudgets.policy': { shortNames: ['pdb'] },
  // scheduling.k8s.io
  'priorityclasses.scheduling.k8s.io': { shortNames: ['pc'] },
  // storage.k8s.io
  'storageclasses.storage.k8s.io': { shortNames: ['sc'] },
  'volumeattributesclasses.storage.k8s.io': { shortNames: ['vac'] },
};

function groupResource(group: string, resource: string): string {
  return group === '' ? resource : `${resource}.${group}`;
}

/** Short names and categories of a resource; empty lists when it has none. */
export function namesOf(group: string, resource: string): ResourceNames {
  const entry = TABLE[groupResource(group, resource)];
  return { shortNames: [...(entry?.shortNames ?? [])], categories: [...(entry?.categories ?? [])] };
}

/** Every group-qualified resource the table names (`deployments.apps`), for consistency checks. */
export function namedResources(): string[] {
  return Object.keys(TABLE);
}
