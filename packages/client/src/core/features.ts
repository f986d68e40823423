// How a feature module (`@zheli/client/applications`, `/points`, `/recommendation-controls`)
// calls through a client: the client keeps its retries, token, sharing and checks, and the
// module brings the rows of its own operations, so `createClient` carries none of them.
import type { OperationId } from '@zheli/contract';
import type {
  CallOptions,
  ItemOf,
  PaginatedOperationId,
  QueryOf,
  RequestInit,
  ResultOf,
  WriteOptions,
  ZheliClient,
} from '../types.js';
import type { OperationEntry } from './entry.js';

/** The key of a client's feature caller; `Symbol.for` so that every copy of the package agrees. */
export const features: unique symbol = Symbol.for('@zheli/client.features');

/** A client's calls for one feature's operations. */
export interface FeatureCalls<Id extends OperationId> {
  call<O extends Id>(
    operationId: O,
    init: RequestInit<O>,
    options?: WriteOptions,
  ): Promise<ResultOf<O>>;
  all<O extends Id & PaginatedOperationId>(
    operationId: O,
    query: QueryOf<O> | undefined,
    options?: CallOptions,
  ): AsyncGenerator<ItemOf<O>, void, undefined>;
}

/** What `createClient` adds to its client, out of its public type. */
export interface Features {
  [features]<Id extends OperationId>(table: Record<Id, OperationEntry>): FeatureCalls<Id>;
}

/** The calls of `client` for the operations of `table`; throws for a client not made by `createClient`. */
export function featureCalls<Id extends OperationId>(
  client: ZheliClient,
  table: Record<Id, OperationEntry>,
): FeatureCalls<Id> {
  const calls = (client as Partial<Features>)[features];
  if (typeof calls !== 'function') {
    throw new TypeError('Expected a client made by createClient() of @zheli/client');
  }
  return calls(table);
}
