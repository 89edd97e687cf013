// Jobs (STATUS from the conditions, COMPLETIONS as succeeded/wanted, DURATION from start to
// completion or to now) and CronJobs (schedule, time zone, suspension, active jobs, the
// last scheduled run).

import { AGE, CONTAINERS, IMAGES, NAME, SELECTOR, column } from './columns.js';
import {
  NONE, ageOf, boolText, conditionTrue, containerCells, formatLabelSelector, nameOf,
  type ConditionView, type ObjectView, type PodTemplateSpecView,
} from './cells.js';
import { humanDuration, since, timeOf } from './duration.js';
import type { LabelSelectorObject } from '../../machinery/label-selector.js';
import type { PrintableObject, PrinterMap, TablePrinter } from './table.js';

interface JobSpecView {
  completions?: number;
  parallelism?: number;
  selector?: LabelSelectorObject;
  template?: PodTemplateSpecView;
}

interface JobView extends ObjectView {
  spec?: JobSpecView;
  status?: { succeeded?: number; startTime?: string; completionTime?: string; conditions?: ConditionView[] };
}

/** The first of these states whose condition holds; Terminating once deletion started. */
function jobStatus(job: JobView): string {
  const conditions = job.status?.conditions;
  if (conditionTrue(conditions, 'Complete')) return 'Complete';
  if (conditionTrue(conditions, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (conditionTrue(conditions, 'Suspended')) return 'Suspended';
  if (conditionTrue(conditions, 'FailureTarget')) return 'FailureTarget';
  if (conditionTrue(conditions, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

/** `3/5`; a job without completions runs until one pod succeeds: `0/1`, or `0/1 of 4` with parallelism. */
function completions(job: JobView): string {
  const succeeded = job.status?.succeeded ?? 0;
  const spec = job.spec ?? {};
  if (spec.completions != null) return `${succeeded}/${spec.completions}`;
  const parallelism = spec.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(job: JobView, now: Date): string {
  const start = timeOf(job.status?.startTime);
  if (start === undefined) return '';
  const end = timeOf(job.status?.completionTime);
  return humanDuration((end ?? now.getTime()) - start);
}

const jobPrinter: TablePrinter = {
  columns: [
    NAME,
    column('Status', 'string', 'Where the job stands: Running, Complete, Failed, Suspended, …'),
    column('Completions', 'string', 'Succeeded pods of the successes wanted.'),
    column('Duration', 'string', 'How long the job ran, or has been running.'),
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const job = obj as JobView;
    const [names, images] = containerCells(job.spec?.template?.spec?.containers);
    return [
      nameOf(job),
      jobStatus(job),
      completions(job),
      jobDuration(job, now),
      ageOf(job, now),
      names,
      images,
      formatLabelSelector(job.spec?.selector),
    ];
  },
};

interface CronJobView extends ObjectView {
  spec?: { schedule?: string; timeZone?: string; suspend?: boolean; jobTemplate?: { spec?: JobSpecView } };
  status?: { active?: unknown[]; lastScheduleTime?: string };
}

const cronJobPrinter: TablePrinter = {
  columns: [
    NAME,
    column('Schedule', 'string', 'When jobs are created, in cron syntax.'),
    column('Timezone', 'string', 'Time zone of the schedule.'),
    column('Suspend', 'boolean', 'Whether new runs are held back.'),
    column('Active', 'integer', 'Number of jobs running.'),
    column('Last Schedule', 'string', 'Time since a job was last scheduled.'),
    AGE,
    CONTAINERS,
    IMAGES,
    SELECTOR,
  ],
  row(obj: PrintableObject, now: Date): unknown[] {
    const cj = obj as CronJobView;
    const jobSpec = cj.spec?.jobTemplate?.spec;
    const [names, images] = containerCells(jobSpec?.template?.spec?.containers);
    const last = cj.status?.lastScheduleTime;
    return [
      nameOf(cj),
      cj.spec?.schedule ?? '',
      cj.spec?.timeZone ?? NONE,
      boolText(cj.spec?.suspend),
      cj.status?.active?.length ?? 0,
      last == null ? NONE : since(last, now),
      ageOf(cj, now),
      names,
      images,
      formatLabelSelector(jobSpec?.selector),
    ];
  },
};

export const batchPrinters: PrinterMap = { jobs: jobPrinter, cronjobs: cronJobPrinter };
