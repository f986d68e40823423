import type { ZheliRegionPicker } from '@zheli/elements';
import { expect, waitFor } from 'storybook/test';
import preview from '../.storybook/preview.js';
import {
  dark,
  elder,
  english,
  find,
  narrow,
  part,
  parts,
  textOf,
  traditional,
  unconfigured,
  withHandlers,
} from './helpers.js';
import { outage, pending } from './mocks/api.js';
import { anji } from './mocks/seed.js';

const meta = preview.meta({
  title: 'Elements/Region picker',
  component: 'zheli-region-picker',
});

/** The text of the option the combobox points at (aria-activedescendant). */
function activeText(picker: ZheliRegionPicker): string {
  const id = part(picker, 'combobox').getAttribute('aria-activedescendant');
  const option = id ? picker.shadowRoot?.getElementById(id) : null;
  return option ? textOf(option) : '';
}

/** Opens the list from the keyboard, as a person tabbing to it would. */
async function open(canvas: HTMLElement, keyboard: (text: string) => Promise<void>) {
  const picker = find(canvas, 'zheli-region-picker');
  part(picker, 'combobox').focus();
  await keyboard('{ArrowDown}');
  await waitFor(() => expect(parts(picker, 'option').length).toBeGreaterThan(1));
  return picker;
}

export const Default = meta.story({});

/** Anji county chosen: the combobox shows it. */
export const WithValue = meta.story({
  args: { value: anji },
  async play({ canvasElement }) {
    const picker = find(canvasElement, 'zheli-region-picker');
    await waitFor(() => expect(textOf(part(picker, 'value'))).toContain('安吉县'));
  },
});

/** QA's flow, keyboard only: open, go down to 湖州市, drill in with Enter, type-ahead to 安吉县. */
export const PickWithKeyboard = meta.story({
  async play({ canvasElement, userEvent }) {
    const picker = await open(canvasElement, (keys) => userEvent.keyboard(keys));
    const changes: string[] = [];
    picker.addEventListener('zheli-region-change', (event) =>
      changes.push(event.detail.region.code),
    );
    for (let step = 0; step < 12 && activeText(picker) !== '湖州市'; step++) {
      await userEvent.keyboard('{ArrowDown}');
    }
    expect(activeText(picker)).toBe('湖州市');
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(activeText(picker)).toBe('吴兴区'));
    await userEvent.keyboard('a');
    expect(activeText(picker)).toBe('安吉县');
    await userEvent.keyboard('{Enter}');
    expect(changes).toEqual([anji]);
    expect(picker.value).toBe(anji);
    expect(part(picker, 'combobox').getAttribute('aria-expanded')).toBe('false');
    expect(picker.shadowRoot?.activeElement).toBe(part(picker, 'combobox'));
  },
});

/** The list is on its way: the popup says so. */
export const Loading = meta.story({
  ...withHandlers(pending('get', '/v1/regions/{code}')),
  async play({ canvasElement, userEvent }) {
    const picker = find(canvasElement, 'zheli-region-picker');
    part(picker, 'combobox').focus();
    await userEvent.keyboard('{ArrowDown}');
    await waitFor(() => expect(part(picker, 'message').getAttribute('role')).toBe('status'));
    expect(parts(picker, 'option')).toHaveLength(0);
    expect(part(picker, 'combobox').getAttribute('aria-expanded')).toBe('true');
  },
});

const regionsOutage = outage('get', '/v1/regions/{code}');
/** Loading the list fails (503); the retry inside the popup loads it. */
export const ErrorWithRetry = meta.story({
  beforeEach({ msw }) {
    msw.use(regionsOutage.start());
  },
  async play({ canvasElement, userEvent }) {
    const picker = find(canvasElement, 'zheli-region-picker');
    part(picker, 'combobox').focus();
    await userEvent.keyboard('{ArrowDown}');
    const retry = await waitFor(() => part(picker, 'retry'));
    regionsOutage.end();
    await userEvent.click(retry);
    await waitFor(() => expect(parts(picker, 'option').length).toBeGreaterThan(1));
  },
});

/** The popup open, so its options are checked too. */
const opened = {
  async play({
    canvasElement,
    userEvent,
  }: {
    canvasElement: HTMLElement;
    userEvent: { keyboard(text: string): Promise<void> };
  }) {
    await open(canvasElement, (keys) => userEvent.keyboard(keys));
  },
};

/**
 * The list open with the keyboard on an option that is not the chosen one: the active option
 * must stand out from the chosen one and the rest, in forced colours too.
 */
export const ActiveOption = meta.story({
  async play({ canvasElement, userEvent }) {
    const picker = await open(canvasElement, (keys) => userEvent.keyboard(keys));
    await userEvent.keyboard('{ArrowDown}');
    await waitFor(() => expect(activeText(picker)).not.toBe(''));
    const active = part(picker, 'combobox').getAttribute('aria-activedescendant') ?? '';
    expect(picker.shadowRoot?.getElementById(active)?.getAttribute('aria-selected')).toBe('false');
  },
});

/** A long label, as a county's form might write it. */
export const LongChineseText = meta.story({
  args: {
    label: '请选择您户籍所在地或经常居住地所属的县（市、区）以查看当地可办理的政务服务事项',
    value: anji,
  },
});

export const NotConfigured = meta.story(unconfigured);
export const ElderMode = meta.story({ ...elder, ...opened });
export const DarkTheme = meta.story({ ...dark, ...opened });
export const English = meta.story({ ...english, ...opened });
export const TraditionalChinese = meta.story({ ...traditional, ...opened });
export const NarrowPhone = meta.story({ ...narrow, ...opened });
