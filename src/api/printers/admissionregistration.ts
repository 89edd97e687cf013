// admissionregistration.k8s.io: webhook configurations (how many webhooks), admission
// policies (how many validations or mutations, the kind of their parameters) and policy
// bindings (the policy, the parameter object or selector).

import { AGE, NAME, column } from './columns.js';
import { UNSET, ageOf, nameOf, type ObjectView } from './cells.js';
import { compareGoStrings } from '../../machinery/go-format.js';
import type { LabelSelectorObject } from '../../machinery/label-selector.js';
import type { PrintableObject, PrinterMap, TablePrinter } from './table.js';

function webhookConfigurationPrinter(): TablePrinter {
  return {
    columns: [NAME, column('Webhooks', 'integer', 'Number of webhooks in the configuration.'), AGE],
    row(obj: PrintableObject, now: Date): unknown[] {
      const config = obj as ObjectView & { webhooks?: unknown[] };
      return [nameOf(config), config.webhooks?.length ?? 0, ageOf(config, now)];
    },
  };
}

interface PolicyView extends ObjectView {
  spec?: { paramKind?: { apiVersion?: string; kind?: string }; validations?: unknown[]; mutations?: unknown[] };
}

function policyPrinter(rules: 'validations' | 'mutations', header: string): TablePrinter {
  return {
    columns: [
      NAME,
      column(header, 'integer', `Number of ${rules} in the policy.`),
      column('ParamKind', 'string', 'The kind of the objects that parameterize the policy.'),
      AGE,
    ],
    row(obj: PrintableObject, now: Date): unknown[] {
      const policy = obj as PolicyView;
      const kind = policy.spec?.paramKind;
      const paramKind = kind == null ? UNSET : `${kind.apiVersion ?? ''}/${kind.kind ?? ''}`;
      return [nameOf(policy), policy.spec?.[rules]?.length ?? 0, paramKind, ageOf(policy, now)];
    },
  };
}

interface BindingView extends ObjectView {
  spec?: { policyName?: string; paramRef?: { name?: string; namespace?: string; selector?: LabelSelectorObject | null } };
}

/**
 * A selector as Go's generated String method of metav1.LabelSelector writes it, which
 * is what upstream prints here: `&LabelSelector{MatchLabels:map[string]string{a: b,},…}`.
 */
function goSelectorString(selector: LabelSelectorObject): string {
  const labels = Object.entries(selector.matchLabels ?? {}).sort(([a], [b]) => compareGoStrings(a, b));
  const labelText = labels.map(([k, v]) => `${k}: ${v},`).join('');
  const expressions = (selector.matchExpressions ?? [])
    .map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`)
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labelText}},MatchExpressions:[]LabelSelectorRequirement{${expressions}},}`;
}

function paramRef(binding: BindingView): string {
  const ref = binding.spec?.paramRef;
  if (ref == null) return UNSET;
  if (ref.name) {
    // Without a namespace the parameter may be cluster-scoped or in any namespace.
    return ref.namespace ? `${ref.namespace}/${ref.name}` : `*/${ref.name}`;
  }
  return ref.selector == null ? UNSET : goSelectorString(ref.selector);
}

function policyBindingPrinter(): TablePrinter {
  return {
    columns: [
      NAME,
      column('PolicyName', 'string', 'The policy the binding applies.'),
      column('ParamRef', 'string', 'The parameter object, or the selector of parameter objects.'),
      AGE,
    ],
    row(obj: PrintableObject, now: Date): unknown[] {
      const binding = obj as BindingView;
      return [nameOf(binding), binding.spec?.policyName ?? '', paramRef(binding), ageOf(binding, now)];
    },
  };
}

export const admissionRegistrationPrinters: PrinterMap = {
  mutatingwebhookconfigurations: webhookConfigurationPrinter(),
  validatingwebhookconfigurations: webhookConfigurationPrinter(),
  validatingadmissionpolicies: policyPrinter('validations', 'Validations'),
  mutatingadmissionpolicies: policyPrinter('mutations', 'Mutations'),
  validatingadmissionpolicybindings: policyBindingPrinter(),
  mutatingadmissionpolicybindings: policyBindingPrinter(),
};
