// API Priority and Fairness: FlowSchemas (their priority level, precedence, how flows are
// distinguished, whether the level is missing; listed in matching order) and
// PriorityLevelConfigurations (shares and queuing, `<none>` for exempt levels).

import { AGE, NAME, column } from './columns.js';
import { NONE, ageOf, nameOf, type ConditionView, type ObjectView } from './cells.js';
import { compareGoStrings } from '../../machinery/go-format.js';
import type { PrintableObject, PrinterMap, TablePrinter } from './table.js';

interface FlowSchemaView extends ObjectView {
  spec?: {
    priorityLevelConfiguration?: { name?: string };
    matchingPrecedence?: number;
    distinguisherMethod?: { type?: string } | null;
  };
  status?: { conditions?: ConditionView[] };
}

const flowSchemaPrinter: TablePrinter = {
  columns: [
    NAME,
    column('PriorityLevel', 'string', 'The priority level requests of the schema go to.'),
    column('MatchingPrecedence', 'string', 'Order in which schemas are matched, lowest first.'),
    column('DistinguisherMethod', 'string', 'How requests are divided into flows.'),
    AGE,
    column('MissingPL', 'string', 'Whether the priority level referred to does not exist.'),
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const fs = obj as FlowSchemaView;
    const dangling = fs.status?.conditions?.find((c) => c.type === 'Dangling');
    return [
      nameOf(fs),
      fs.spec?.priorityLevelConfiguration?.name ?? '',
      fs.spec?.matchingPrecedence ?? 0,
      fs.spec?.distinguisherMethod?.type ?? NONE,
      ageOf(fs, now),
      dangling === undefined ? '?' : (dangling.status ?? ''),
    ];
  },
  compare(a: PrintableObject, b: PrintableObject): number {
    const [x, y] = [a as FlowSchemaView, b as FlowSchemaView];
    const byPrecedence = (x.spec?.matchingPrecedence ?? 0) - (y.spec?.matchingPrecedence ?? 0);
    return byPrecedence !== 0 ? byPrecedence : compareGoStrings(nameOf(x), nameOf(y));
  },
};

interface PriorityLevelView extends ObjectView {
  spec?: {
    type?: string;
    limited?: {
      nominalConcurrencyShares?: number;
      limitResponse?: { queuing?: { queues?: number; handSize?: number; queueLengthLimit?: number } | null };
    } | null;
  };
}

const priorityLevelPrinter: TablePrinter = {
  columns: [
    NAME,
    column('Type', 'string', 'Limited or Exempt.'),
    column('NominalConcurrencyShares', 'string', 'Share of the server concurrency the level gets.'),
    column('Queues', 'string', 'Number of queues of the level.'),
    column('HandSize', 'string', 'Queues a flow is shuffle-sharded over.'),
    column('QueueLengthLimit', 'string', 'Requests a queue holds at most.'),
    AGE,
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const pl = obj as PriorityLevelView;
    const limited = pl.spec?.limited;
    const queuing = limited?.limitResponse?.queuing;
    // Numbers where the level has them, `<none>` where it does not.
    const shares = limited == null ? NONE : (limited.nominalConcurrencyShares ?? 0);
    const queueCells = queuing == null ? [NONE, NONE, NONE] : [queuing.queues ?? 0, queuing.handSize ?? 0, queuing.queueLengthLimit ?? 0];
    return [nameOf(pl), pl.spec?.type ?? '', shares, ...queueCells, ageOf(pl, now)];
  },
};

export const flowcontrolPrinters: PrinterMap = {
  flowschemas: flowSchemaPrinter,
  prioritylevelconfigurations: priorityLevelPrinter,
};
