import type { ZheliData } from './data.js';

type Group = Record<PropertyKey, ((...args: unknown[]) => Promise<unknown>) | undefined>;

/**
 * `data`'s group `name`, where each method the group lacks comes from a feature module of
 * `@zheli/client` (`@zheli/client/points`, …) that `load` imports and that is made of `data` (a
 * client made by `createClient`) on the first call: `configure({ client: createClient(…) })`
 * serves the elements that use these groups, and the module loads with the element.
 */
export function featureGroup<G extends object>(
  data: ZheliData | undefined,
  name: 'applications' | 'points' | 'me',
  load: () => Promise<(client: never) => object>,
): G | undefined {
  if (data === undefined) return undefined;
  const own = data[name] as Group | undefined;
  return new Proxy({} as G, {
    // Never a thenable (`then` stays undefined), so the group can be awaited or returned from an
    // async function.
    get: (_, method) =>
      method === 'then'
        ? undefined
        : (own?.[method]?.bind(own) ??
          (async (...args: unknown[]) => {
            const made = (await load())(data as never) as Group;
            const operation = made[method];
            if (operation === undefined) throw new Error(`This client lacks ${String(method)}`);
            return operation(...args);
          })),
  });
}
