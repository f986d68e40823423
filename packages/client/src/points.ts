/**
 * `@zheli/client/points`: a village's points ledger (信治积分), apart from `createClient` so that
 * an app without one does not carry its operations.
 * @packageDocumentation
 */
import { featureCalls } from './core/features.js';
import { pointsTable } from './generated/points.js';
import type { PointsClient, ZheliClient } from './types.js';

export type { PointsClient } from './types.js';

/**
 * The points ledger methods of `client` (made by `createClient`): the rules are public, the
 * person's balance, history and redemptions need the scope `points`, the officers' methods
 * `points:record`. Creating them does nothing on the network.
 * @example
 * ```ts
 * import { createClient } from '@zheli/client';
 * import { points } from '@zheli/client/points';
 *
 * const ledger = points(createClient({ baseUrl, getAccessToken }));
 * const { member, household } = await ledger.mine();
 * ```
 */
export function points(client: ZheliClient): PointsClient {
  const { call, all } = featureCalls(client, pointsTable);
  return {
    rules: (villageId, o) => call('listPointRules', { path: { villageId } }, o),
    mine: (o) => call('getMyPoints', {}, o),
    entries: (query, o) => call('listMyPointEntries', { query }, o),
    entriesAll: (query, o) => all('listMyPointEntries', query, o),
    redeem: (body, o) => call('redeemPoints', { body }, o),
    households: (villageId, o) => call('listPointHouseholds', { path: { villageId } }, o),
    record: (villageId, body, o) => call('recordPoints', { path: { villageId }, body }, o),
  };
}
