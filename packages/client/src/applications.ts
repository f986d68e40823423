/**
 * `@zheli/client/applications`: one-matter applications (一件事办理), apart from `createClient`
 * so that an app that submits none does not carry their operations.
 * @packageDocumentation
 */
import { featureCalls } from './core/features.js';
import { applicationsTable } from './generated/applications.js';
import type { ApplicationsClient, ZheliClient } from './types.js';

export type { ApplicationsClient } from './types.js';

/**
 * The one-matter application methods of `client` (made by `createClient`): the guide is public,
 * the rest needs the scope `applications`. Creating them does nothing on the network.
 * @example
 * ```ts
 * import { createClient } from '@zheli/client';
 * import { applications } from '@zheli/client/applications';
 *
 * const bundles = applications(createClient({ baseUrl }));
 * const guide = await bundles.guide('bnd-birth', { region: '330112' });
 * ```
 */
export function applications(client: ZheliClient): ApplicationsClient {
  const { call, all } = featureCalls(client, applicationsTable);
  return {
    guide: (bundleId, query, o) => call('getBundleGuide', { path: { bundleId }, query }, o),
    documents: (o) => call('listMyDocuments', {}, o),
    draft: (bundleId, o) => call('getBundleDraft', { path: { bundleId } }, o),
    saveDraft: (bundleId, body, o) => call('saveBundleDraft', { path: { bundleId }, body }, o),
    submit: (body, o) => call('submitBundleApplication', { body }, o),
    list: (query, o) => call('listMyBundleApplications', { query }, o),
    listAll: (query, o) => all('listMyBundleApplications', query, o),
    get: (applicationId, o) => call('getBundleApplication', { path: { applicationId } }, o),
    resubmitStep: (applicationId, serviceId, body, o) =>
      call('resubmitBundleStep', { path: { applicationId, serviceId }, body }, o),
  };
}
