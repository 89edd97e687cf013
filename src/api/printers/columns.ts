// Building blocks of column definitions: the constructor, and the columns most kinds
// share (the name, the age, the containers of a pod template). Descriptions are kubets'
// own words.

import type { TableColumnDefinition } from './table.js';

export interface ColumnOptions {
  /** `name` for the column that holds the object's name. */
  format?: string;
  /** 1 for columns kubectl shows only with `-o wide`. */
  priority?: number;
}

export function column(name: string, type: string, description: string, options: ColumnOptions = {}): TableColumnDefinition {
  return { name, type, format: options.format ?? '', description, priority: options.priority ?? 0 };
}

/** A priority-1 (`-o wide`) column. */
export function wide(name: string, type: string, description: string): TableColumnDefinition {
  return column(name, type, description, { priority: 1 });
}

/** The first column of nearly every kind. */
export const NAME = column('Name', 'string', 'Name of the object, unique within its namespace.', { format: 'name' });

/** Time since creation, as upstream's HumanDuration prints it (a string column upstream). */
export const AGE = column('Age', 'string', 'Time since the object was created.');

/** The wide columns of workloads: container names, their images, the selector. */
export const CONTAINERS = wide('Containers', 'string', 'Names of the containers of the pod template.');
export const IMAGES = wide('Images', 'string', 'Images of the containers of the pod template.');
export const SELECTOR = wide('Selector', 'string', 'Label selector of the pods this object manages.');
