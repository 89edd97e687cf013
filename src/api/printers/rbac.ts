// RoleBindings and ClusterRoleBindings: ROLE as Kind/name; wide: the users, groups and
// service accounts bound. (Roles and ClusterRoles have no printer upstream; they get the
// default table with CREATED AT.)

import { AGE, NAME, column, wide } from './columns.js';
import { ageOf, nameOf, type ObjectView } from './cells.js';
import type { PrintableObject, PrinterMap, TablePrinter } from './table.js';

interface BindingView extends ObjectView {
  roleRef?: { kind?: string; name?: string };
  subjects?: { kind?: string; name?: string; namespace?: string }[];
}

/** Users, groups and `namespace/name` of service accounts, each joined by ', '. */
function subjectCells(binding: BindingView): [string, string, string] {
  const users: string[] = [];
  const groups: string[] = [];
  const accounts: string[] = [];
  for (const subject of binding.subjects ?? []) {
    const name = subject.name ?? '';
    if (subject.kind === 'ServiceAccount') accounts.push(`${subject.namespace ?? ''}/${name}`);
    else if (subject.kind === 'User') users.push(name);
    else if (subject.kind === 'Group') groups.push(name);
  }
  return [users.join(', '), groups.join(', '), accounts.join(', ')];
}

function bindingPrinter(scope: string): TablePrinter {
  return {
    columns: [
      NAME,
      column('Role', 'string', 'The role granted, as Kind/name.'),
      AGE,
      wide('Users', 'string', `Users the ${scope} binds.`),
      wide('Groups', 'string', `Groups the ${scope} binds.`),
      wide('ServiceAccounts', 'string', `Service accounts the ${scope} binds, as namespace/name.`),
    ],
    row(obj: PrintableObject, now: Date): unknown[] {
      const binding = obj as BindingView;
      const role = `${binding.roleRef?.kind ?? ''}/${binding.roleRef?.name ?? ''}`;
      return [nameOf(binding), role, ageOf(binding, now), ...subjectCells(binding)];
    },
  };
}

export const rbacPrinters: PrinterMap = {
  rolebindings: bindingPrinter('role binding'),
  clusterrolebindings: bindingPrinter('cluster role binding'),
};
