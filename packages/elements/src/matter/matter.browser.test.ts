import { html } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeData } from '../../test/fake-data.js';
import { cleanup, fixture, part, textOf } from '../../test/fixture.js';
import type { ZheliData } from '../internal/data.js';
import './define.js';
import type { ZheliMatter } from './matter.js';

const problem = (status: number) =>
  Object.assign(new Error(`HTTP ${status}`), { name: 'ZheliApiError', status });

/** Data whose guide answers with `guide` for each call (its number, from 1). */
function data(guide: (call: number, signal?: AbortSignal) => Promise<never>): ZheliData {
  const fake = new FakeData() as FakeData & ZheliData;
  let calls = 0;
  const unused = () => Promise.reject(new Error('not used by this test'));
  fake.applications = {
    guide: (_bundleId, _query, options) => {
      calls += 1;
      return guide(calls, options?.signal);
    },
    documents: unused,
    draft: unused,
    saveDraft: unused,
    submit: unused,
    list: unused,
    get: unused,
    resubmitStep: unused,
  };
  return fake;
}

/** Rejects like `fetch` once `signal` is aborted; never settles otherwise. */
const untilAborted = (signal?: AbortSignal) =>
  new Promise<never>((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
  });

describe('<zheli-matter>', () => {
  afterEach(cleanup);

  describe('moved in the page while loading', () => {
    it('loads again, and a failure of that load shows the error with a retry and fires zheli-error', async () => {
      const client = data((call, signal) =>
        call === 1 ? untilAborted(signal) : Promise.reject(problem(503)),
      );
      const element = await fixture<ZheliMatter>(
        html`<zheli-matter bundle-id="bnd-birth"></zheli-matter>`,
        { client },
      );
      const errors: unknown[] = [];
      element.addEventListener('zheli-error', (event) => errors.push(event.detail.error));
      await expect.poll(() => textOf(element)).toContain('正在加载');
      // Moving the element disconnects it (aborting the load) and connects it again.
      const parent = element.parentElement as HTMLElement;
      element.remove();
      parent.append(element);
      await expect.poll(() => part(element, 'message').getAttribute('role')).toBe('alert');
      expect(textOf(element)).toContain('加载失败');
      expect(errors).toEqual([expect.objectContaining({ status: 503 })]);
    });
  });
});
