import type { Schemas } from '@zheli/contract';
import { html } from 'lit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { deferred } from '../../test/fake-data.js';
import {
  axeViolations,
  cleanup,
  fixture,
  part,
  parts,
  textOf,
  useLocale,
} from '../../test/fixture.js';
import type { ZheliAuth } from '../internal/config.js';
import type { WriteOptions, ZheliData } from '../internal/data.js';
import type { Locale } from '../internal/localize.js';
import './define.js';
import type { ZheliEvaluation } from './evaluation.js';

type Evaluation = Schemas['Evaluation'];
type Matter = Schemas['Matter'];
type Request = Schemas['EvaluationRequest'];
type TagList = Schemas['EvaluationTagList'];

const caseNumber = '330523-20261118-000123';

function tag(id: string, name: string, nameTw: string, nameEn: string) {
  return { id, name, nameTw, nameEn };
}

/** The five levels as the platform lists them, best first, each with its own tags. */
const tagList: TagList = {
  levels: [
    {
      level: 'very_satisfied',
      name: '非常满意',
      nameTw: '非常滿意',
      nameEn: 'Very satisfied',
      tags: [
        tag('fast', '办理快', '辦理快', 'Quick'),
        tag('courteous', '态度好', '態度好', 'Courteous staff'),
      ],
    },
    {
      level: 'satisfied',
      name: '满意',
      nameTw: '滿意',
      nameEn: 'Satisfied',
      tags: [
        tag('fast', '办理快', '辦理快', 'Quick'),
        tag('clear_guidance', '指引清楚', '指引清楚', 'Clear guidance'),
      ],
    },
    {
      level: 'basically_satisfied',
      name: '基本满意',
      nameTw: '基本滿意',
      nameEn: 'Basically satisfied',
      tags: [tag('long_wait', '等候时间长', '等候時間長', 'Long wait')],
    },
    {
      level: 'dissatisfied',
      name: '不满意',
      nameTw: '不滿意',
      nameEn: 'Dissatisfied',
      tags: [
        tag('long_wait', '等候时间长', '等候時間長', 'Long wait'),
        tag('repeat_visits', '多次跑腿', '多次跑腿', 'Repeated visits'),
      ],
    },
    {
      level: 'very_dissatisfied',
      name: '非常不满意',
      nameTw: '非常不滿意',
      nameEn: 'Very dissatisfied',
      tags: [
        tag('poor_attitude', '态度不好', '態度不好', 'Unhelpful staff'),
        tag('improper_fees', '乱收费', '亂收費', 'Improper fees'),
      ],
    },
  ],
};

function matter(overrides: Partial<Matter> = {}): Matter {
  return {
    caseNumber,
    service: {
      id: 'svc-330523-vehicle-inspection-booking',
      name: '机动车检验预约',
      nameEn: 'Vehicle inspection booking',
    },
    status: 'handled',
    submittedAt: '2026-11-18T09:00:00+08:00',
    handledAt: '2026-11-18T09:26:00+08:00',
    evaluation: null,
    ...overrides,
  };
}

function saved(body: Request): Evaluation {
  return {
    id: 'evl-Q8m2Zr1c',
    caseNumber: body.caseNumber,
    serviceId: 'svc-330523-vehicle-inspection-booking',
    level: body.level,
    tags: body.tags ?? [],
    comment: body.comment ?? null,
    createdAt: '2026-11-23T10:00:00+08:00',
  };
}

/** A problem as `@zheli/client` throws it (`ZheliApiError`, recognised by its name). */
function apiError(status: number, code?: string): Error {
  return Object.assign(new Error(`HTTP ${status}`), { name: 'ZheliApiError', status, code });
}

interface Submission {
  body: Request;
  key: string | undefined;
}

/**
 * A `ZheliData` with the evaluation operations: `matter` and `submit` decide the answers, and
 * every submission is recorded with its idempotency key.
 */
function fakeEvaluations(
  options: {
    matter?: () => Promise<Matter>;
    submit?: (body: Request, options?: WriteOptions) => Promise<Evaluation>;
    tags?: () => Promise<TagList>;
  } = {},
) {
  const submissions: Submission[] = [];
  const calls: string[] = [];
  const unused = () => Promise.reject(new Error('not used here'));
  const client: ZheliData = {
    services: { getMany: unused, search: unused },
    regions: { list: unused, get: unused },
    evaluations: {
      tags: () => {
        calls.push('tags');
        return options.tags?.() ?? Promise.resolve(tagList);
      },
      submit: (body, writeOptions) => {
        calls.push('submit');
        submissions.push({ body, key: writeOptions?.idempotencyKey });
        return options.submit?.(body, writeOptions) ?? Promise.resolve(saved(body));
      },
    },
    me: {
      matter: (number) => {
        calls.push(`matter ${number}`);
        return options.matter?.() ?? Promise.resolve(matter());
      },
    },
  };
  return { client, submissions, calls };
}

function auth(signedIn: boolean, onSignIn: () => void = () => {}): ZheliAuth {
  const state = { signedIn };
  return {
    signIn: async () => {
      onSignIn();
      state.signedIn = true;
    },
    signOut: async () => {
      state.signedIn = false;
    },
    getUser: async () => (state.signedIn ? { sub: 'p-anji-driver', claims: {} } : null),
  };
}

function radios(element: ZheliEvaluation): HTMLInputElement[] {
  return [...(element.shadowRoot?.querySelectorAll<HTMLInputElement>('input[type=radio]') ?? [])];
}

function checkboxes(element: ZheliEvaluation): HTMLInputElement[] {
  return [
    ...(element.shadowRoot?.querySelectorAll<HTMLInputElement>('input[type=checkbox]') ?? []),
  ];
}

function focused(element: ZheliEvaluation): Element | null | undefined {
  return element.shadowRoot?.activeElement;
}

async function ready(element: ZheliEvaluation): Promise<void> {
  await expect.poll(() => radios(element).length).toBe(5);
}

async function mount(client: ZheliData, signedIn = true, mode?: 'elder') {
  const element = await fixture<ZheliEvaluation>(
    html`<zheli-evaluation case-number=${caseNumber} mode=${mode ?? 'standard'}></zheli-evaluation>`,
    { client, auth: auth(signedIn) },
  );
  return element;
}

beforeEach(() => {
  sessionStorage.clear();
});

afterEach(async () => {
  sessionStorage.clear();
  await cleanup();
});

describe('<zheli-evaluation>', () => {
  describe('the form', () => {
    it('offers the five levels best first as a radio group named in words, with the matter above', async () => {
      const { client, calls } = fakeEvaluations();
      const element = await mount(client);
      await ready(element);
      expect(calls.sort()).toEqual([`matter ${caseNumber}`, 'tags']);
      const levels = part(element, 'levels');
      expect(levels.localName).toBe('fieldset');
      expect(levels.querySelector('legend')?.textContent).toContain('您对本次办理满意吗');
      expect(
        parts(element, 'level').map((label) => label.querySelector('.name')?.textContent),
      ).toEqual(['非常满意', '满意', '基本满意', '不满意', '非常不满意']);
      expect(radios(element).map((radio) => radio.value)).toEqual([
        'very_satisfied',
        'satisfied',
        'basically_satisfied',
        'dissatisfied',
        'very_dissatisfied',
      ]);
      expect(textOf(part(element, 'matter'))).toContain('机动车检验预约');
      expect(textOf(part(element, 'matter'))).toContain(`办件编号：${caseNumber}`);
      expect(parts(element, 'tags')).toHaveLength(0);
      expect(await axeViolations(element)).toEqual([]);
    });

    it('shows the reason tags of the chosen level, keeping those the next level offers too', async () => {
      const { client } = fakeEvaluations();
      const element = await mount(client);
      await ready(element);
      await userEvent.click(radios(element)[0] as HTMLInputElement);
      await expect
        .poll(() => checkboxes(element).map((box) => box.value))
        .toEqual(['fast', 'courteous']);
      await userEvent.click(checkboxes(element)[0] as HTMLInputElement);
      await userEvent.click(checkboxes(element)[1] as HTMLInputElement);
      await userEvent.click(radios(element)[1] as HTMLInputElement);
      await expect
        .poll(() => checkboxes(element).map((box) => box.value))
        .toEqual(['fast', 'clear_guidance']);
      // 办理快 belongs to both levels and stays chosen; 态度好 does not and goes.
      expect(checkboxes(element).map((box) => box.checked)).toEqual([true, false]);
      await userEvent.click(radios(element)[4] as HTMLInputElement);
      await expect
        .poll(() => checkboxes(element).map((box) => box.value))
        .toEqual(['poor_attitude', 'improper_fees']);
      expect(checkboxes(element).some((box) => box.checked)).toBe(false);
      expect(await axeViolations(element)).toEqual([]);
    });

    it('counts the comment against the contract limit of 500 characters, visibly and for screen readers', async () => {
      const { client } = fakeEvaluations();
      const element = await mount(client);
      await ready(element);
      const comment = part<HTMLTextAreaElement>(element, 'comment');
      expect(comment.maxLength).toBe(500);
      expect(comment.getAttribute('aria-describedby')).toBe('comment-count');
      expect(textOf(part(element, 'counter'))).toBe('已输入 0/500 字');
      await userEvent.type(comment, '很耐心');
      await expect.poll(() => textOf(part(element, 'counter'))).toBe('已输入 3/500 字');
      comment.value = '长'.repeat(600);
      comment.dispatchEvent(new Event('input', { bubbles: true }));
      await expect.poll(() => textOf(part(element, 'counter'))).toBe('已输入 500/500 字');
      expect(comment.value).toHaveLength(500);
    });

    it('announces a missing level, marks the radios invalid and moves focus to them, sending nothing', async () => {
      const { client, submissions } = fakeEvaluations();
      const element = await mount(client);
      await ready(element);
      await userEvent.click(part(element, 'submit'));
      const error = part(element, 'error');
      expect(error.getAttribute('role')).toBe('alert');
      await expect.poll(() => textOf(error)).toBe('请先选择满意程度。');
      expect(radios(element).every((radio) => radio.getAttribute('aria-invalid') === 'true')).toBe(
        true,
      );
      expect(radios(element)[0]?.getAttribute('aria-describedby')).toBe('form-error');
      expect(focused(element)).toBe(radios(element)[0]);
      expect(submissions).toEqual([]);
      expect(await axeViolations(element)).toEqual([]);
      await userEvent.keyboard('{ArrowDown}');
      await expect.poll(() => textOf(part(element, 'error'))).toBe('');
      expect(radios(element)[1]?.checked).toBe(true);
    });
  });

  describe('keyboard', () => {
    it('rates with the keyboard alone: arrows choose the level, Space a tag, Enter submits, focus lands on the thank-you', async () => {
      const { client, submissions } = fakeEvaluations();
      const element = await mount(client);
      await ready(element);
      radios(element)[0]?.focus();
      await userEvent.keyboard('{ArrowDown}');
      expect(radios(element)[1]?.checked).toBe(true);
      await userEvent.keyboard('{ArrowDown}{ArrowUp}{ArrowUp}');
      expect(radios(element)[0]?.checked).toBe(true);
      // Arrows wrap around the group, like any native radio group.
      await userEvent.keyboard('{ArrowUp}');
      expect(radios(element)[4]?.checked).toBe(true);
      await userEvent.keyboard('{ArrowDown}');
      expect(radios(element)[0]?.checked).toBe(true);
      await expect.poll(() => checkboxes(element).length).toBe(2);
      await userEvent.tab();
      expect(focused(element)).toBe(checkboxes(element)[0]);
      await userEvent.keyboard(' ');
      expect(checkboxes(element)[0]?.checked).toBe(true);
      await userEvent.tab();
      await userEvent.tab();
      expect(focused(element)).toBe(part(element, 'comment'));
      await userEvent.keyboard('半小时办好');
      await userEvent.tab();
      expect(focused(element)).toBe(part(element, 'submit'));
      await userEvent.keyboard('{Enter}');
      await expect.poll(() => parts(element, 'result').length).toBe(1);
      expect(focused(element)).toBe(part(element, 'title'));
      expect(submissions.map((item) => item.body)).toEqual([
        { caseNumber, level: 'very_satisfied', tags: ['fast'], comment: '半小时办好' },
      ]);
    });
  });

  describe('submitting once', () => {
    it('sends one submission with an idempotency key however often the button is pressed meanwhile', async () => {
      const answer = deferred<Evaluation>();
      const { client, submissions } = fakeEvaluations({ submit: () => answer.promise });
      const element = await mount(client);
      await ready(element);
      await userEvent.click(radios(element)[1] as HTMLInputElement);
      const submit = part<HTMLButtonElement>(element, 'submit');
      // A real double click, then more presses and an Enter while the submission runs.
      await userEvent.dblClick(submit);
      submit.click();
      part<HTMLFormElement>(element, 'form').requestSubmit();
      await element.updateComplete;
      expect(submissions).toHaveLength(1);
      expect(submissions[0]?.key).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(submit.getAttribute('aria-disabled')).toBe('true');
      expect(textOf(element)).toContain('正在提交评价…');
      expect(part<HTMLTextAreaElement>(element, 'comment').readOnly).toBe(true);
      // The answers are frozen while the submission runs.
      await userEvent.click(radios(element)[3] as HTMLInputElement);
      await expect.poll(() => radios(element)[1]?.checked).toBe(true);
      expect(await axeViolations(element)).toEqual([]);
      answer.resolve(saved({ caseNumber, level: 'satisfied' }));
      await expect.poll(() => parts(element, 'result').length).toBe(1);
      expect(submissions).toHaveLength(1);
    });

    it('keeps the answers after a failure, announces it, fires zheli-error, and retries with the same key', async () => {
      let fail = true;
      const { client, submissions } = fakeEvaluations({
        submit: async (body) => {
          if (fail) throw apiError(503, 'unavailable');
          return saved(body);
        },
      });
      const errors: unknown[] = [];
      const listener = (event: Event) => errors.push((event as CustomEvent).detail.error);
      document.addEventListener('zheli-error', listener);
      const element = await mount(client);
      await ready(element);
      await userEvent.click(radios(element)[3] as HTMLInputElement);
      await userEvent.click(part(element, 'submit'));
      await expect.poll(() => textOf(part(element, 'error'))).toContain('提交失败');
      expect(errors).toHaveLength(1);
      expect(radios(element)[3]?.checked).toBe(true);
      expect(await axeViolations(element)).toEqual([]);
      await userEvent.click(part(element, 'submit'));
      await expect.poll(() => textOf(part(element, 'error'))).toContain('提交失败');
      fail = false;
      await userEvent.click(part(element, 'submit'));
      await expect.poll(() => parts(element, 'result').length).toBe(1);
      document.removeEventListener('zheli-error', listener);
      expect(submissions).toHaveLength(3);
      expect(new Set(submissions.map((item) => item.key)).size).toBe(1);
    });

    it('uses a new key once the answers change after a failure', async () => {
      let fail = true;
      const { client, submissions } = fakeEvaluations({
        submit: async (body) => {
          if (fail) throw apiError(503);
          return saved(body);
        },
      });
      const element = await mount(client);
      await ready(element);
      await userEvent.click(radios(element)[0] as HTMLInputElement);
      await userEvent.click(part(element, 'submit'));
      await expect.poll(() => textOf(part(element, 'error'))).toContain('提交失败');
      fail = false;
      await userEvent.click(radios(element)[1] as HTMLInputElement);
      await userEvent.click(part(element, 'submit'));
      await expect.poll(() => parts(element, 'result').length).toBe(1);
      expect(submissions.map((item) => item.body.level)).toEqual(['very_satisfied', 'satisfied']);
      expect(submissions[0]?.key).not.toBe(submissions[1]?.key);
    });

    it('says the rating was not accepted on a 422', async () => {
      const { client } = fakeEvaluations({ submit: () => Promise.reject(apiError(422)) });
      const element = await mount(client);
      await ready(element);
      await userEvent.click(radios(element)[2] as HTMLInputElement);
      await userEvent.click(part(element, 'submit'));
      await expect.poll(() => textOf(part(element, 'error'))).toContain('评价未被接受');
    });
  });

  describe('the thank-you state', () => {
    it('thanks the person, shows what was saved, fires zheli-evaluated once and forgets the draft', async () => {
      const { client } = fakeEvaluations();
      const events: Evaluation[] = [];
      document.addEventListener('zheli-evaluated', (event) => events.push(event.detail.evaluation));
      const element = await mount(client);
      await ready(element);
      await userEvent.click(radios(element)[0] as HTMLInputElement);
      await userEvent.click(checkboxes(element)[1] as HTMLInputElement);
      await userEvent.type(part(element, 'comment'), '工作人员很耐心');
      expect(sessionStorage.getItem(`zheli-evaluation:${caseNumber}`)).not.toBeNull();
      await userEvent.click(part(element, 'submit'));
      await expect.poll(() => parts(element, 'result').length).toBe(1);
      expect(textOf(part(element, 'title'))).toBe('感谢您的评价！');
      expect(focused(element)).toBe(part(element, 'title'));
      const summary = textOf(part(element, 'summary'));
      expect(summary).toContain('非常满意');
      expect(summary).toContain('态度好');
      expect(summary).toContain('工作人员很耐心');
      expect(parts(element, 'form')).toHaveLength(0);
      expect(events).toEqual([
        saved({
          caseNumber,
          level: 'very_satisfied',
          tags: ['courteous'],
          comment: '工作人员很耐心',
        }),
      ]);
      expect(sessionStorage.getItem(`zheli-evaluation:${caseNumber}`)).toBeNull();
      expect(await axeViolations(element)).toEqual([]);
    });
  });

  describe('configuration changes', () => {
    it('re-renders in a new locale without loading again, keeping the thank-you', async () => {
      const { client, calls } = fakeEvaluations();
      const element = await mount(client);
      await ready(element);
      await userEvent.click(radios(element)[0] as HTMLInputElement);
      await userEvent.click(part(element, 'submit'));
      await expect.poll(() => parts(element, 'result').length).toBe(1);
      const loads = calls.length;
      await useLocale('en');
      await expect.poll(() => textOf(part(element, 'title'))).toBe('Thank you for your rating!');
      expect(textOf(part(element, 'summary'))).toContain('Very satisfied');
      expect(calls).toHaveLength(loads);
    });

    it('loads again for another case number', async () => {
      const { client, calls } = fakeEvaluations();
      const element = await mount(client);
      await ready(element);
      element.caseNumber = '330523-20261119-000456';
      await expect.poll(() => calls).toContain('matter 330523-20261119-000456');
      await ready(element);
    });
  });

  describe('the already-rated state', () => {
    it('shows the evaluation read-only instead of the form', async () => {
      const existing = saved({
        caseNumber,
        level: 'dissatisfied',
        tags: ['long_wait'],
        comment: '排队太久',
      });
      const { client, submissions } = fakeEvaluations({
        matter: async () => matter({ evaluation: existing }),
      });
      const element = await mount(client);
      await expect.poll(() => parts(element, 'result').length).toBe(1);
      expect(textOf(part(element, 'title'))).toBe('您已评价过该办件。');
      const summary = textOf(part(element, 'summary'));
      expect(summary).toContain('不满意');
      expect(summary).toContain('等候时间长');
      expect(summary).toContain('排队太久');
      expect(radios(element)).toHaveLength(0);
      expect(element.shadowRoot?.querySelectorAll('input, textarea, button')).toHaveLength(0);
      expect(submissions).toEqual([]);
      expect(await axeViolations(element)).toEqual([]);
    });

    it('switches to the already-rated state when the platform answers 409 already_evaluated', async () => {
      let rated: Evaluation | null = null;
      const { client } = fakeEvaluations({
        matter: async () => matter({ evaluation: rated }),
        submit: async () => {
          rated = saved({ caseNumber, level: 'satisfied', tags: ['fast'] });
          throw apiError(409, 'already_evaluated');
        },
      });
      const element = await mount(client);
      await ready(element);
      await userEvent.click(radios(element)[0] as HTMLInputElement);
      await userEvent.click(part(element, 'submit'));
      await expect.poll(() => parts(element, 'title').length).toBe(1);
      expect(textOf(part(element, 'title'))).toBe('您已评价过该办件。');
      expect(textOf(part(element, 'summary'))).toContain('满意');
      expect(focused(element)).toBe(part(element, 'title'));
    });
  });

  describe('signed out', () => {
    it('asks to sign in through the configured auth, loading nothing first, then shows the form', async () => {
      const { client, calls } = fakeEvaluations();
      let asked = 0;
      const element = await fixture<ZheliEvaluation>(
        html`<zheli-evaluation case-number=${caseNumber}></zheli-evaluation>`,
        { client, auth: auth(false, () => asked++) },
      );
      await expect.poll(() => textOf(element)).toContain('登录后才能评价办件');
      expect(calls).toEqual([]);
      expect(await axeViolations(element)).toEqual([]);
      await userEvent.click(part(element, 'button'));
      expect(asked).toBe(1);
      await ready(element);
      expect(focused(element)).toBe(radios(element)[0]);
    });

    it('treats a 401 as signed out, without a sign-in button when no auth is configured', async () => {
      const { client } = fakeEvaluations({ matter: () => Promise.reject(apiError(401)) });
      const element = await fixture<ZheliEvaluation>(
        html`<zheli-evaluation case-number=${caseNumber}></zheli-evaluation>`,
        { client },
      );
      await expect.poll(() => textOf(element)).toContain('登录后才能评价办件');
      expect(parts(element, 'button')).toHaveLength(0);
    });

    it('keeps the draft across a redirect sign-in: a 401 on submit, the page left and loaded again', async () => {
      let expired = true;
      const { client, submissions } = fakeEvaluations({
        submit: async (body) => {
          if (expired) throw apiError(401);
          return saved(body);
        },
      });
      const first = await mount(client);
      await ready(first);
      await userEvent.click(radios(first)[1] as HTMLInputElement);
      await userEvent.click(checkboxes(first)[1] as HTMLInputElement);
      await userEvent.type(part(first, 'comment'), '指引很清楚');
      await userEvent.click(part(first, 'submit'));
      await expect.poll(() => textOf(first)).toContain('登录后才能评价办件');
      expect(focused(first)).toBe(part(first, 'button'));
      // The redirect leaves the page: the element goes, and a new one loads on return.
      first.remove();
      expired = false;
      const second = await mount(client);
      await ready(second);
      expect(radios(second)[1]?.checked).toBe(true);
      expect(checkboxes(second).map((box) => box.checked)).toEqual([false, true]);
      expect(part<HTMLTextAreaElement>(second, 'comment').value).toBe('指引很清楚');
      await userEvent.click(part(second, 'submit'));
      await expect.poll(() => parts(second, 'result').length).toBe(1);
      // The draft carried the key of the first attempt: the platform would replay, not rate twice.
      expect(submissions.map((item) => item.key)).toEqual([
        submissions[0]?.key,
        submissions[0]?.key,
      ]);
      expect(sessionStorage.getItem(`zheli-evaluation:${caseNumber}`)).toBeNull();
    });
  });

  describe('other states', () => {
    it('shows a loading message while the matter loads', async () => {
      const pending = new Promise<Matter>(() => {});
      const { client } = fakeEvaluations({ matter: () => pending });
      const element = await mount(client);
      await expect.poll(() => textOf(element)).toContain('正在加载办件信息');
      expect(part(element, 'message').getAttribute('role')).toBe('status');
      expect(await axeViolations(element)).toEqual([]);
    });

    it('shows an error with a retry button and fires zheli-error when loading fails, then recovers', async () => {
      let fail = true;
      const { client } = fakeEvaluations({
        matter: async () => {
          if (fail) throw apiError(503);
          return matter();
        },
      });
      const errors: unknown[] = [];
      const listener = (event: Event) => errors.push((event as CustomEvent).detail.error);
      document.addEventListener('zheli-error', listener);
      const element = await mount(client);
      await expect.poll(() => textOf(element)).toContain('加载失败');
      document.removeEventListener('zheli-error', listener);
      expect(errors).toHaveLength(1);
      expect(part(element, 'message').getAttribute('role')).toBe('alert');
      expect(await axeViolations(element)).toEqual([]);
      fail = false;
      await userEvent.click(part(element, 'button'));
      await ready(element);
      expect(focused(element)).toBe(radios(element)[0]);
    });

    it('says when the matter is not the person’s, or not handled yet, or not given, or not configured', async () => {
      const missing = await mount(
        fakeEvaluations({ matter: () => Promise.reject(apiError(404, 'not_found')) }).client,
      );
      await expect.poll(() => textOf(missing)).toContain(`未找到办件 ${caseNumber}`);
      const running = await mount(
        fakeEvaluations({ matter: async () => matter({ status: 'in_progress', handledAt: null }) })
          .client,
      );
      await expect.poll(() => textOf(running)).toContain('尚未办结');
      const empty = await fixture<ZheliEvaluation>(html`<zheli-evaluation></zheli-evaluation>`, {
        client: fakeEvaluations().client,
      });
      expect(textOf(empty)).toContain('case-number');
      const unconfigured = await fixture<ZheliEvaluation>(
        html`<zheli-evaluation case-number=${caseNumber}></zheli-evaluation>`,
        {},
      );
      expect(textOf(unconfigured)).toContain('zheli-config');
      for (const element of [missing, running, empty, unconfigured]) {
        expect(await axeViolations(element)).toEqual([]);
      }
    });
  });
});

/** Renders every state of the element and returns them, each settled. */
async function everyState(mode: 'standard' | 'elder'): Promise<ZheliEvaluation[]> {
  const states: ZheliEvaluation[] = [];
  const mounted = (client: ZheliData, signedIn = true) => {
    // Each state starts without the previous one's draft.
    sessionStorage.clear();
    return fixture<ZheliEvaluation>(
      html`<zheli-evaluation case-number=${caseNumber} mode=${mode}></zheli-evaluation>`,
      { client, auth: auth(signedIn) },
    );
  };

  const loading = await mounted(fakeEvaluations({ matter: () => new Promise(() => {}) }).client);
  await expect.poll(() => parts(loading, 'message').length).toBe(1);
  states.push(loading);

  const unconfigured = await fixture<ZheliEvaluation>(
    html`<zheli-evaluation case-number=${caseNumber} mode=${mode}></zheli-evaluation>`,
    {},
  );
  states.push(unconfigured);

  const signedOut = await mounted(fakeEvaluations().client, false);
  await expect.poll(() => parts(signedOut, 'button').length).toBe(1);
  states.push(signedOut);

  const required = await mounted(fakeEvaluations().client);
  await ready(required);
  await userEvent.click(part(required, 'submit'));
  await expect.poll(() => textOf(part(required, 'error')).length).toBeGreaterThan(0);
  states.push(required);

  const filled = await mounted(fakeEvaluations().client);
  await ready(filled);
  await userEvent.click(radios(filled)[0] as HTMLInputElement);
  await userEvent.click(checkboxes(filled)[0] as HTMLInputElement);
  await userEvent.type(part(filled, 'comment'), 'OK');
  states.push(filled);

  const submitting = await mounted(fakeEvaluations({ submit: () => new Promise(() => {}) }).client);
  await ready(submitting);
  await userEvent.click(radios(submitting)[4] as HTMLInputElement);
  await userEvent.click(part(submitting, 'submit'));
  await expect.poll(() => part(submitting, 'submit').getAttribute('aria-disabled')).toBe('true');
  states.push(submitting);

  const failed = await mounted(
    fakeEvaluations({ submit: () => Promise.reject(apiError(503)) }).client,
  );
  await ready(failed);
  await userEvent.click(radios(failed)[2] as HTMLInputElement);
  await userEvent.click(part(failed, 'submit'));
  await expect.poll(() => textOf(part(failed, 'error')).length).toBeGreaterThan(0);
  states.push(failed);

  const loadFailed = await mounted(
    fakeEvaluations({ matter: () => Promise.reject(apiError(503)) }).client,
  );
  await expect.poll(() => parts(loadFailed, 'button').length).toBe(1);
  states.push(loadFailed);

  const thanks = await mounted(fakeEvaluations().client);
  await ready(thanks);
  await userEvent.click(radios(thanks)[1] as HTMLInputElement);
  await userEvent.click(part(thanks, 'submit'));
  await expect.poll(() => parts(thanks, 'result').length).toBe(1);
  states.push(thanks);

  const rated = await mounted(
    fakeEvaluations({
      matter: async () =>
        matter({
          evaluation: saved({ caseNumber, level: 'very_dissatisfied', tags: ['improper_fees'] }),
        }),
    }).client,
  );
  await expect.poll(() => parts(rated, 'result').length).toBe(1);
  states.push(rated);
  return states;
}

describe('<zheli-evaluation> in every state', () => {
  it.each(['zh-CN', 'zh-TW', 'en'] as const)(
    'has no axe violation in any state in %s, elder mode (AAA contrast) included',
    async (locale: Locale) => {
      await useLocale(locale);
      for (const mode of ['standard', 'elder'] as const) {
        const states = await everyState(mode);
        expect(states).toHaveLength(10);
        for (const element of states) {
          expect(
            await axeViolations(element, mode === 'elder'),
            `${mode} ${textOf(element)}`,
          ).toEqual([]);
        }
        await cleanup();
        await useLocale(locale);
      }
    },
    60_000,
  );

  it.each([
    ['zh-TW', '非常滿意', '您對本次辦理滿意嗎？', '提交評價', '辦件編號：'],
    [
      'en',
      'Very satisfied',
      'How satisfied are you with how this was handled?',
      'Submit rating',
      'Case number: ',
    ],
  ] as const)(
    'speaks %s: the levels from the platform and its own words',
    async (locale, level, legend, submit, caseLabel) => {
      await useLocale(locale);
      const element = await mount(fakeEvaluations().client);
      await ready(element);
      expect(part(element, 'base').getAttribute('lang')).toBe(locale);
      expect(parts(element, 'level')[0]?.querySelector('.name')?.textContent).toBe(level);
      expect(part(element, 'levels').querySelector('legend')?.textContent?.trim()).toBe(legend);
      expect(textOf(part(element, 'submit'))).toBe(submit);
      expect(textOf(part(element, 'matter'))).toContain(`${caseLabel}${caseNumber}`);
      expect(textOf(part(element, 'counter'))).not.toContain('已输入');
    },
  );

  it('gives every level, tag and button a 48 px target and 18 px text in elder mode', async () => {
    const element = await mount(fakeEvaluations().client, true, 'elder');
    await ready(element);
    await userEvent.click(radios(element)[0] as HTMLInputElement);
    await expect.poll(() => parts(element, 'tag').length).toBe(2);
    const targets = [...parts(element, 'level'), ...parts(element, 'tag'), part(element, 'submit')];
    for (const target of targets) {
      const box = target.getBoundingClientRect();
      expect(box.height).toBeGreaterThanOrEqual(48);
      expect(box.width).toBeGreaterThanOrEqual(48);
    }
    expect(
      Number.parseFloat(getComputedStyle(part(element, 'comment')).fontSize),
    ).toBeGreaterThanOrEqual(18);
    const standard = await mount(fakeEvaluations().client);
    await ready(standard);
    expect(parts(standard, 'level')[0]?.getBoundingClientRect().height).toBeLessThan(48);
  });

  it('sets no inline style anywhere in its shadow tree (strict CSP)', async () => {
    const states = await everyState('elder');
    for (const element of states) {
      const styled = [...(element.shadowRoot?.querySelectorAll('*') ?? [])].filter((node) =>
        node.hasAttribute('style'),
      );
      expect(styled).toEqual([]);
    }
  }, 30_000);
});
