// The strategy a kind gets when nothing special is known about it: upstream's common
// rules for status and generation, derived from what the catalogue says of the resource.
// Per-kind strategies (src/api/<group>/) extend it.

import type { ResourceInfo } from './catalogue.js';
import { defaultsFor, type Defaulter } from './defaults/index.js';
import { fieldSelectorsOf } from './field-selectors.js';
import { validatorFor, type ResourceValidator } from './validation/index.js';
import { root, type FieldError } from '../machinery/field-errors.js';
import type { ObjectMeta } from '../machinery/meta.js';
import { isValidPathSegmentName, type ValidateNameFunc } from '../machinery/name-validation.js';
import { validateObjectMeta, validateObjectMetaUpdate } from '../machinery/object-meta-validation.js';

/** Any name that can stand in a URL path, as upstream's generic check requires of every object. */
const nameIsPathSegment: ValidateNameFunc = (name, prefix) => isValidPathSegmentName(name, prefix);
import type { ApiObject, FieldGetter, Strategy } from './strategy.js';

/**
 * Kinds of the core group whose strategies set metadata.generation. Most core kinds
 * (Service, Node, Namespace, PersistentVolume(Claim), …) never had one upstream.
 */
const CORE_KINDS_WITH_GENERATION = new Set(['Pod', 'ReplicationController']);

/** Resources whose DELETE answers with the deleted object rather than a Status (`group/resource`). */
const RETURNS_DELETED_OBJECT = new Set([
  '/pods',
  '/services',
  '/persistentvolumes',
  '/persistentvolumeclaims',
  '/podtemplates',
  '/resourcequotas',
  '/serviceaccounts',
  'storage.k8s.io/csidrivers',
  'storage.k8s.io/csinodes',
  'storage.k8s.io/storageclasses',
  'storage.k8s.io/volumeattachments',
  'storage.k8s.io/volumeattributesclasses',
]);

export class GenericStrategy implements Strategy {
  readonly tracksGeneration: boolean;
  readonly hasStatusSubresource: boolean;
  readonly allowUnconditionalUpdate: boolean = true;
  readonly allowCreateOnUpdate: boolean = false;
  readonly returnDeletedObject: boolean;
  readonly fieldSelectors: Readonly<Record<string, FieldGetter>>;
  private readonly defaulter: Defaulter | undefined;
  private readonly validator: ResourceValidator | undefined;
  private readonly namespaced: boolean;

  constructor(info: Pick<ResourceInfo, 'group' | 'resource' | 'kind' | 'subresources' | 'namespaced'>) {
    this.defaulter = defaultsFor(info.group, info.resource);
    this.fieldSelectors = fieldSelectorsOf(info.group, info.resource);
    this.validator = validatorFor(info.group, info.resource);
    this.namespaced = info.namespaced;
    this.returnDeletedObject = RETURNS_DELETED_OBJECT.has(`${info.group}/${info.resource}`);
    this.hasStatusSubresource = info.subresources.some((s) => s.name === 'status');
    this.tracksGeneration = info.group === '' ? CORE_KINDS_WITH_GENERATION.has(info.kind) : this.hasStatusSubresource;
  }

  prepareForCreate(obj: ApiObject): void {
    if (this.hasStatusSubresource) delete obj.status;
  }

  prepareForUpdate(obj: ApiObject, old: ApiObject): void {
    if (!this.hasStatusSubresource) return;
    if (old.status === undefined) delete obj.status;
    else obj.status = old.status;
  }

  prepareForStatusUpdate(obj: ApiObject, old: ApiObject): void {
    // A status write changes status only; spec and metadata stay as they were.
    for (const key of Object.keys(obj)) {
      if (key !== 'status' && key !== 'metadata' && key !== 'apiVersion' && key !== 'kind') delete obj[key];
    }
    for (const key of Object.keys(old)) {
      if (key !== 'status' && key !== 'metadata') obj[key] = old[key];
    }
    obj.metadata = { ...old.metadata, resourceVersion: obj.metadata.resourceVersion };
    if (obj.metadata.resourceVersion === undefined) delete obj.metadata.resourceVersion;
  }

  /** Upstream's defaults for the kind (src/api/defaults), applied on create and update. */
  applyDefaults(obj: ApiObject): void {
    this.defaulter?.(obj);
  }

  /**
   * Upstream's validation of the kind (src/api/validation), then, as upstream's generic
   * create path does after it, the checks every object's metadata passes (a name that can
   * be a URL path segment, labels, annotations, owners, finalizers).
   */
  validate(obj: ApiObject): FieldError[] {
    const errs = this.validator?.validate(obj) ?? [];
    if (errs.length > 0) return errs;
    return validateObjectMeta(obj.metadata as ObjectMeta, this.namespaced, nameIsPathSegment, root('metadata'));
  }

  validateUpdate(obj: ApiObject, old: ApiObject): FieldError[] {
    const errs = this.validator?.validateUpdate(obj, old) ?? [];
    if (errs.length > 0) return errs;
    return validateObjectMetaUpdate(obj.metadata as ObjectMeta, old.metadata as ObjectMeta, root('metadata'));
  }

  validateStatusUpdate(obj: ApiObject, old: ApiObject): FieldError[] {
    return this.validator?.validateStatusUpdate?.(obj, old) ?? [];
  }
}
