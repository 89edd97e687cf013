// The client's public surface, for components (scheduler, controllers, nodes).

export { Client, type ClientOptions, type KubeconfigClientOptions } from './client.js';
export { FakeClock, realClock, type Clock } from './clock.js';
export { ClientClosedError, DecodeError, NetworkError, RequestAbortedError, type NetworkErrorKind } from './errors.js';
export { loadKubeconfig, KubeconfigError, type KubeconfigTarget } from './kubeconfig.js';
export { silentLogger, stderrLogger, type Logger } from './logger.js';
export * from './resources.js';
export type * from './types/core.js';
export type * from './types/coordination.js';
export type * from './types/storage.js';

export { ResourceClient, MissingNameError } from './rest/resource-client.js';
export type { DeleteOptions, ListOptions, ObjectList, PatchOptions, PatchType, WriteOptions } from './rest/resource-client.js';
export { RestClient, type RestClientOptions, type RequestOptions } from './rest/rest-client.js';
export { connectTransport, type Http2Mode } from './rest/connect.js';
export { FunctionTransport, objectResponse, type RequestHandler } from './rest/function-transport.js';
export type { ConnectionConfig, HttpMethod, Transport, TransportRequest, TransportResponse } from './rest/transport.js';

export type { WatchEnd, WatchEvent, WatchEventType, WatchHandle, WatchOptions, WatchTimeouts } from './watch/watch-stream.js';
export { ListWatcher, type ListWatchSink, type ListWatcherOptions } from './watch/list-watcher.js';

export { SharedInformer, type InformerOptions } from './informers/shared-informer.js';
export { InformerFactory, type FactoryOptions } from './informers/factory.js';
export { DeletedFinalStateUnknown, deletedObject, type EventHandler, type HandlerRegistration } from './informers/handlers.js';
export { Lister, NamespaceLister } from './informers/lister.js';
export { IndexedStore, UnknownIndexError, IndexConflictError, type IndexFunc, type Indexers } from './informers/store.js';
export * from './informers/indexers.js';

export { WorkQueue } from './workqueue/queue.js';
export { DelayingQueue } from './workqueue/delaying-queue.js';
export { RateLimitingQueue, type RateLimitingQueueOptions } from './workqueue/rate-limiting-queue.js';
export * from './workqueue/rate-limiters.js';

export { LeaderElector, LeaderElectionConfigError, type LeaderCallbacks, type LeaderElectionConfig } from './leaderelection/leader-elector.js';
export { LeaseLock, LeaseNotInitializedError, type LeaseApi } from './leaderelection/lease-lock.js';
export type { LeaderElectionRecord, ResourceLock } from './leaderelection/lock.js';

export { EventRecorder, type EventRecorderOptions, type EventType } from './events/recorder.js';
export { clientEventSink } from './events/client-sink.js';
export type { EventSink } from './events/sink.js';
