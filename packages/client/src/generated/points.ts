// GENERATED FILE: do not edit. Run `npm run generate -w @zheli/client` after the contract changes.
// operationId: [method and path (relative to baseUrl), flags (1 bearer token, 2 Idempotency-Key),
// required top-level fields of the success body].
import type { OperationEntry } from '../core/entry.js';

/** The operations of `@zheli/client/points`. */
export type PointsOperationId =
  | 'listPointRules'
  | 'getMyPoints'
  | 'listMyPointEntries'
  | 'redeemPoints'
  | 'listPointHouseholds'
  | 'recordPoints';

export const pointsTable: Record<PointsOperationId, OperationEntry> = {
  listPointRules: ["GET v1/villages/{villageId}/points/rules", 0, "village,rules,rewards"],
  getMyPoints: ["GET v1/me/points", 1, "village,member,household"],
  listMyPointEntries: ["GET v1/me/points/entries", 1, "items,nextCursor"],
  redeemPoints: ["POST v1/me/points/redemptions", 3, "id,entry,balance,code"],
  listPointHouseholds: ["GET v1/villages/{villageId}/points/households", 1, "items"],
  recordPoints: ["POST v1/villages/{villageId}/points/entries", 3, "entry,balance"],
};
