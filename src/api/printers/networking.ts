// networking.k8s.io: Ingresses (class, hosts, load-balancer address, ports 80 or
// "80, 443" with TLS), IngressClasses, NetworkPolicies (the pod selector), ServiceCIDRs
// and IPAddresses (the object each address is allocated to).

import { AGE, NAME, column } from './columns.js';
import { NONE, ageOf, formatLabelSelector, nameOf, type ObjectView } from './cells.js';
import { loadBalancerAddresses, type LoadBalancerView } from './service.js';
import type { LabelSelectorObject } from '../../machinery/label-selector.js';
import type { PrintableObject, PrinterMap, TablePrinter } from './table.js';

interface IngressView extends ObjectView {
  spec?: { ingressClassName?: string; rules?: { host?: string }[]; tls?: unknown[] };
  status?: { loadBalancer?: LoadBalancerView };
}

const MAX_HOSTS = 3;

/** The first three hosts (`*` when no rule names one) and how many rules more. */
function hosts(rules: readonly { host?: string }[]): string {
  const shown: string[] = [];
  let more = false;
  for (const rule of rules) {
    if (shown.length === MAX_HOSTS) more = true;
    if (!more && rule.host) shown.push(rule.host);
  }
  if (shown.length === 0) return '*';
  // Upstream counts the rules past the third, with a host or without.
  return more ? `${shown.join(',')} + ${rules.length - MAX_HOSTS} more...` : shown.join(',');
}

const ingressPrinter: TablePrinter = {
  columns: [
    NAME,
    column('Class', 'string', 'The ingress class that handles the ingress.'),
    column('Hosts', 'string', 'Hosts the rules match.'),
    column('Address', 'string', 'Addresses of the load balancer.'),
    column('Ports', 'string', 'Ports the ingress serves.'),
    AGE,
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const ing = obj as IngressView;
    return [
      nameOf(ing),
      ing.spec?.ingressClassName ?? NONE,
      hosts(ing.spec?.rules ?? []),
      loadBalancerAddresses(ing.status?.loadBalancer),
      (ing.spec?.tls ?? []).length > 0 ? '80, 443' : '80',
      ageOf(ing, now),
    ];
  },
};

interface IngressClassView extends ObjectView {
  spec?: { controller?: string; parameters?: { kind?: string; apiGroup?: string | null; name?: string } };
}

const ingressClassPrinter: TablePrinter = {
  columns: [
    NAME,
    column('Controller', 'string', 'The controller that implements the class.'),
    column('Parameters', 'string', 'The object holding the parameters of the class, as Kind.group/name.'),
    AGE,
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const ic = obj as IngressClassView;
    const p = ic.spec?.parameters;
    const parameters = p == null ? NONE : `${p.kind ?? ''}${p.apiGroup == null ? '' : `.${p.apiGroup}`}/${p.name ?? ''}`;
    return [nameOf(ic), ic.spec?.controller ?? '', parameters, ageOf(ic, now)];
  },
};

const networkPolicyPrinter: TablePrinter = {
  columns: [NAME, column('Pod-Selector', 'string', 'The pods the policy applies to.'), AGE],
  row(obj: PrintableObject, now: Date): unknown[] {
    const np = obj as ObjectView & { spec?: { podSelector?: LabelSelectorObject } };
    // The selector is a value upstream, never absent: a missing one selects every pod.
    return [nameOf(np), formatLabelSelector(np.spec?.podSelector ?? {}), ageOf(np, now)];
  },
};

const serviceCIDRPrinter: TablePrinter = {
  columns: [NAME, column('CIDRs', 'string', 'Ranges service IPs are allocated from.'), AGE],
  row(obj: PrintableObject, now: Date): unknown[] {
    const sc = obj as ObjectView & { spec?: { cidrs?: string[] } };
    return [nameOf(sc), (sc.spec?.cidrs ?? []).join(','), ageOf(sc, now)];
  },
};

interface IPAddressView extends ObjectView {
  spec?: { parentRef?: { group?: string; resource?: string; namespace?: string; name?: string } };
}

/** `resource.group/namespace/name` of the parent, lower-cased resource part. */
function parentRef(ip: IPAddressView): string {
  const ref = ip.spec?.parentRef;
  if (ref == null) return NONE;
  const resource = ref.resource ?? '';
  let text = (ref.group ? `${resource}.${ref.group}` : resource).toLowerCase();
  if (ref.namespace) text += `/${ref.namespace}`;
  return `${text}/${ref.name ?? ''}`;
}

/**
 * Upstream declares two columns but prints three cells (the age last); kubectl drops
 * the extra cell. kubets answers the same.
 */
const ipAddressPrinter: TablePrinter = {
  columns: [NAME, column('ParentRef', 'string', 'The object the address is allocated to.')],
  row(obj: PrintableObject, now: Date): unknown[] {
    const ip = obj as IPAddressView;
    return [nameOf(ip), parentRef(ip), ageOf(ip, now)];
  },
};

export const networkingPrinters: PrinterMap = {
  ingresses: ingressPrinter,
  ingressclasses: ingressClassPrinter,
  networkpolicies: networkPolicyPrinter,
  servicecidrs: serviceCIDRPrinter,
  ipaddresses: ipAddressPrinter,
};
