// Plugin verdicts (upstream's framework.Status): plugins return a code and reasons instead
// of throwing, so the framework can tell "this node cannot host the pod" from "something
// broke" and aggregate the reasons into the FailedScheduling message.

export type Code = 'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Wait' | 'Skip' | 'Pending';

/** Immutable result of one plugin call. */
export class Status {
  /** The plugin that returned it, filled in by the framework. */
  plugin = '';

  constructor(
    readonly code: Code,
    readonly reasons: readonly string[] = [],
  ) {}

  static success(): Status {
    return SUCCESS;
  }

  static unschedulable(...reasons: string[]): Status {
    return new Status('Unschedulable', reasons);
  }

  static unresolvable(...reasons: string[]): Status {
    return new Status('UnschedulableAndUnresolvable', reasons);
  }

  static error(reason: string): Status {
    return new Status('Error', [reason]);
  }

  static skip(): Status {
    return SKIP;
  }

  isSuccess(): boolean {
    return this.code === 'Success';
  }

  /** Unschedulable, UnschedulableAndUnresolvable or Pending: the pod cannot go there now. */
  isRejected(): boolean {
    return this.code === 'Unschedulable' || this.code === 'UnschedulableAndUnresolvable' || this.code === 'Pending';
  }

  message(): string {
    return this.reasons.join(', ');
  }

  withPlugin(plugin: string): Status {
    const copy = new Status(this.code, this.reasons);
    copy.plugin = plugin;
    return copy;
  }
}

const SUCCESS = new Status('Success');
const SKIP = new Status('Skip');
