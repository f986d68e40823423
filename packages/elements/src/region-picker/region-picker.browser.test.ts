import { html } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { FakeData } from '../../test/fake-data.js';
import {
  axeViolations,
  cleanup,
  fixture,
  part,
  parts,
  textOf,
  useLocale,
} from '../../test/fixture.js';
import type { ZheliRegionChangeEvent } from '../events/region-change.js';
import './define.js';
import type { ZheliRegionPicker } from './region-picker.js';

afterEach(cleanup);

function optionTexts(picker: ZheliRegionPicker): string[] {
  return parts(picker, 'option').map((option) => textOf(option));
}

function activeText(picker: ZheliRegionPicker): string {
  const combobox = part(picker, 'combobox');
  const id = combobox.getAttribute('aria-activedescendant');
  const option = id ? picker.shadowRoot?.getElementById(id) : null;
  return option ? textOf(option) : '';
}

async function openWithKeyboard(picker: ZheliRegionPicker): Promise<void> {
  part(picker, 'combobox').focus();
  await userEvent.keyboard('{ArrowDown}');
  await expect.poll(() => parts(picker, 'option').length).toBeGreaterThan(1);
}

describe('<zheli-region-picker>', () => {
  describe('mouse', () => {
    it('opens on click with the cities of the province, after a choice for the whole province', async () => {
      const picker = await fixture<ZheliRegionPicker>(
        html`<zheli-region-picker></zheli-region-picker>`,
        { client: new FakeData() },
      );
      expect(textOf(part(picker, 'value'))).toBe('请选择地区');
      await userEvent.click(part(picker, 'combobox'));
      await expect
        .poll(() => optionTexts(picker))
        .toEqual(['整个浙江省', '杭州市', '宁波市', '湖州市']);
      expect(part(picker, 'combobox').getAttribute('aria-expanded')).toBe('true');
      expect(part(picker, 'popup').matches(':popover-open')).toBe(true);
    });

    it('drills into a city and picks a county, firing zheli-region-change with its path', async () => {
      const picker = await fixture<ZheliRegionPicker>(
        html`<zheli-region-picker></zheli-region-picker>`,
        { client: new FakeData() },
      );
      const changes: ZheliRegionChangeEvent['detail'][] = [];
      picker.addEventListener('zheli-region-change', (event) => changes.push(event.detail));
      await userEvent.click(part(picker, 'combobox'));
      await expect.poll(() => optionTexts(picker)).toContain('湖州市');
      await userEvent.click(parts(picker, 'option')[3] as HTMLElement);
      await expect
        .poll(() => optionTexts(picker))
        .toEqual(['整个湖州市', '吴兴区', '德清县', '安吉县']);
      await userEvent.click(parts(picker, 'option')[3] as HTMLElement);
      expect(picker.value).toBe('330523');
      expect(
        changes.map((change) => [change.region.code, change.path.map((region) => region.code)]),
      ).toEqual([['330523', ['330000', '330500']]]);
      expect(textOf(part(picker, 'value'))).toBe('浙江省 / 湖州市 / 安吉县');
      expect(part(picker, 'combobox').getAttribute('aria-expanded')).toBe('false');
    });

    it('goes back up a level with the up button', async () => {
      const picker = await fixture<ZheliRegionPicker>(
        html`<zheli-region-picker></zheli-region-picker>`,
        { client: new FakeData() },
      );
      await userEvent.click(part(picker, 'combobox'));
      await expect.poll(() => optionTexts(picker)).toContain('杭州市');
      await userEvent.click(parts(picker, 'option')[1] as HTMLElement);
      await expect.poll(() => parts(picker, 'up').length).toBe(1);
      expect(textOf(part(picker, 'up'))).toBe('返回上一级（浙江省）');
      await userEvent.click(part(picker, 'up'));
      await expect.poll(() => optionTexts(picker)).toContain('宁波市');
    });
  });

  describe('keyboard', () => {
    it('opens with ArrowDown, drills with Enter, picks by typing the English initial and Enter, and keeps focus', async () => {
      const picker = await fixture<ZheliRegionPicker>(
        html`<zheli-region-picker></zheli-region-picker>`,
        { client: new FakeData() },
      );
      const changes: string[] = [];
      picker.addEventListener('zheli-region-change', (event) =>
        changes.push(event.detail.region.code),
      );
      await openWithKeyboard(picker);
      expect(activeText(picker)).toBe('杭州市');
      await userEvent.keyboard('{ArrowDown}{ArrowDown}');
      expect(activeText(picker)).toBe('湖州市');
      await userEvent.keyboard('{Enter}');
      await expect.poll(() => activeText(picker)).toBe('吴兴区');
      await userEvent.keyboard('a');
      expect(activeText(picker)).toBe('安吉县');
      await userEvent.keyboard('{Enter}');
      expect(changes).toEqual(['330523']);
      expect(picker.shadowRoot?.activeElement).toBe(part(picker, 'combobox'));
      expect(part(picker, 'combobox').getAttribute('aria-expanded')).toBe('false');
    });

    it('moves with Home, End and ArrowUp, drills with ArrowRight and climbs with ArrowLeft', async () => {
      const picker = await fixture<ZheliRegionPicker>(
        html`<zheli-region-picker></zheli-region-picker>`,
        { client: new FakeData() },
      );
      await openWithKeyboard(picker);
      await userEvent.keyboard('{End}');
      expect(activeText(picker)).toBe('湖州市');
      await userEvent.keyboard('{Home}');
      expect(activeText(picker)).toBe('整个浙江省');
      await userEvent.keyboard('{ArrowDown}{ArrowRight}');
      await expect.poll(() => activeText(picker)).toBe('西湖区');
      await userEvent.keyboard('{ArrowLeft}');
      await expect.poll(() => activeText(picker)).toBe('杭州市');
      await userEvent.keyboard('{ArrowUp}');
      expect(activeText(picker)).toBe('整个浙江省');
    });

    it('picks a whole city from the first option', async () => {
      const picker = await fixture<ZheliRegionPicker>(
        html`<zheli-region-picker></zheli-region-picker>`,
        { client: new FakeData() },
      );
      await openWithKeyboard(picker);
      await userEvent.keyboard('{ArrowRight}');
      await expect.poll(() => activeText(picker)).toBe('西湖区');
      await userEvent.keyboard('{Home}{Enter}');
      expect(picker.value).toBe('330100');
      expect(textOf(part(picker, 'value'))).toBe('浙江省 / 杭州市');
    });

    it('closes with Escape without changing the value', async () => {
      const picker = await fixture<ZheliRegionPicker>(
        html`<zheli-region-picker value="330106"></zheli-region-picker>`,
        { client: new FakeData() },
      );
      await expect.poll(() => textOf(part(picker, 'value'))).toBe('浙江省 / 杭州市 / 西湖区');
      await openWithKeyboard(picker);
      expect(activeText(picker)).toBe('西湖区');
      await userEvent.keyboard('{ArrowDown}{Escape}');
      expect(part(picker, 'combobox').getAttribute('aria-expanded')).toBe('false');
      expect(picker.value).toBe('330106');
    });

    it('types ahead by English names in en, and cycles on a repeated letter', async () => {
      await useLocale('en');
      const picker = await fixture<ZheliRegionPicker>(
        html`<zheli-region-picker></zheli-region-picker>`,
        { client: new FakeData() },
      );
      await openWithKeyboard(picker);
      await userEvent.keyboard('{ArrowRight}');
      await expect.poll(() => activeText(picker)).toBe('Xihu District');
      await userEvent.keyboard('l');
      expect(activeText(picker)).toBe("Lin'an District");
      await userEvent.keyboard('{Home}');
      await new Promise((resolve) => setTimeout(resolve, 700));
      await userEvent.keyboard('y');
      expect(activeText(picker)).toBe('Yuhang District');
    });
  });

  describe('value and states', () => {
    it('shows a value set by the host without firing zheli-region-change', async () => {
      const changes: unknown[] = [];
      document.addEventListener('zheli-region-change', (event) => changes.push(event));
      const picker = await fixture<ZheliRegionPicker>(
        html`<zheli-region-picker value="330523"></zheli-region-picker>`,
        { client: new FakeData() },
      );
      await expect.poll(() => textOf(part(picker, 'value'))).toBe('浙江省 / 湖州市 / 安吉县');
      expect(changes).toEqual([]);
    });

    it('explains what to do when no configuration is found', async () => {
      const picker = await fixture<ZheliRegionPicker>(
        html`<zheli-region-picker></zheli-region-picker>`,
      );
      expect(textOf(picker)).toContain('configure()');
      expect(await axeViolations(picker)).toEqual([]);
    });

    it('shows an error with a retry inside the popup', async () => {
      const data = new FakeData();
      const failing = data.regions.get;
      data.regions.get = () => Promise.reject(new Error('down'));
      const picker = await fixture<ZheliRegionPicker>(
        html`<zheli-region-picker></zheli-region-picker>`,
        { client: data },
      );
      await userEvent.click(part(picker, 'combobox'));
      await expect.poll(() => parts(picker, 'retry').length).toBe(1);
      data.regions.get = failing;
      await userEvent.click(part(picker, 'retry'));
      await expect.poll(() => optionTexts(picker)).toContain('湖州市');
    });
  });

  describe('popup', () => {
    it('is not clipped by a scroll container with overflow hidden', async () => {
      const box = await fixture<HTMLDivElement>(
        html`<div><zheli-region-picker></zheli-region-picker></div>`,
        { client: new FakeData() },
      );
      box.style.cssText = 'overflow: hidden; height: 80px; width: 200px; position: relative';
      const picker = box.querySelector('zheli-region-picker') as ZheliRegionPicker;
      await userEvent.click(part(picker, 'combobox'));
      await expect.poll(() => parts(picker, 'option').length).toBe(4);
      const popup = part(picker, 'popup').getBoundingClientRect();
      const container = box.getBoundingClientRect();
      expect(popup.bottom).toBeGreaterThan(container.bottom);
      const last = (parts(picker, 'option')[3] as HTMLElement).getBoundingClientRect();
      const hit = picker.shadowRoot?.elementFromPoint(last.left + 5, last.top + last.height / 2);
      expect(hit).toBe(parts(picker, 'option')[3]);
    });

    it('flips above the control when there is no room below', async () => {
      const box = await fixture<HTMLDivElement>(
        html`<div><zheli-region-picker></zheli-region-picker></div>`,
        { client: new FakeData() },
      );
      box.style.cssText = `position: fixed; top: ${window.innerHeight - 70}px; left: 0`;
      const picker = box.querySelector('zheli-region-picker') as ZheliRegionPicker;
      await userEvent.click(part(picker, 'combobox'));
      await expect.poll(() => parts(picker, 'option').length).toBe(4);
      await expect
        .poll(() => part(picker, 'popup').getBoundingClientRect().bottom)
        .toBeLessThanOrEqual(part(picker, 'combobox').getBoundingClientRect().top);
    });

    it('shifts the popup back into the viewport when the control sits at its right edge', async () => {
      const box = await fixture<HTMLDivElement>(
        html`<div><zheli-region-picker></zheli-region-picker></div>`,
        { client: new FakeData() },
      );
      box.style.cssText = `position: fixed; top: 10px; left: ${window.innerWidth - 120}px`;
      const picker = box.querySelector('zheli-region-picker') as ZheliRegionPicker;
      await userEvent.click(part(picker, 'combobox'));
      await expect.poll(() => parts(picker, 'option').length).toBe(4);
      expect(part(picker, 'combobox').getBoundingClientRect().right).toBeGreaterThan(
        window.innerWidth,
      );
      await expect
        .poll(() => part(picker, 'popup').getBoundingClientRect().right)
        .toBeLessThanOrEqual(window.innerWidth);
      expect(part(picker, 'popup').getBoundingClientRect().left).toBeGreaterThanOrEqual(0);
    });

    it('follows the control when its scroll container scrolls (autoUpdate)', async () => {
      const box = await fixture<HTMLDivElement>(
        html`<div class="scroller"><div class="spacer"></div><zheli-region-picker></zheli-region-picker><div class="spacer"></div></div>`,
        { client: new FakeData() },
      );
      box.style.cssText = 'block-size: 300px; overflow: auto';
      for (const spacer of box.querySelectorAll<HTMLElement>('.spacer')) {
        spacer.style.blockSize = '200px';
      }
      const picker = box.querySelector('zheli-region-picker') as ZheliRegionPicker;
      await userEvent.click(part(picker, 'combobox'));
      await expect.poll(() => parts(picker, 'option').length).toBe(4);
      const gap = () =>
        part(picker, 'popup').getBoundingClientRect().top -
        part(picker, 'combobox').getBoundingClientRect().bottom;
      await expect.poll(() => Math.abs(gap())).toBeLessThan(12);
      box.scrollTop = 60;
      box.dispatchEvent(new Event('scroll'));
      await expect.poll(() => Math.abs(gap())).toBeLessThan(12);
      expect(part(picker, 'combobox').getBoundingClientRect().top).toBeLessThan(200);
    });

    it('closes and stops following the control when removed from the page', async () => {
      const picker = await fixture<ZheliRegionPicker>(
        html`<zheli-region-picker></zheli-region-picker>`,
        { client: new FakeData() },
      );
      await userEvent.click(part(picker, 'combobox'));
      await expect.poll(() => parts(picker, 'option').length).toBe(4);
      const popup = part(picker, 'popup');
      picker.remove();
      expect(popup.matches(':popover-open')).toBe(false);
      const left = popup.style.left;
      window.dispatchEvent(new Event('resize'));
      await new Promise((resolve) => requestAnimationFrame(resolve));
      expect(popup.style.left).toBe(left);
    });
  });

  describe('accessibility', () => {
    it.each(['zh-CN', 'zh-TW', 'en'] as const)(
      'has no axe violation closed and open in %s',
      async (locale) => {
        await useLocale(locale);
        const picker = await fixture<ZheliRegionPicker>(
          html`<zheli-region-picker value="330523"></zheli-region-picker>`,
          { client: new FakeData() },
        );
        await expect.poll(() => textOf(part(picker, 'value'))).toContain('/');
        expect(await axeViolations(picker)).toEqual([]);
        await openWithKeyboard(picker);
        expect(await axeViolations(picker)).toEqual([]);
      },
    );

    it('has 48 px options, 18 px text and 7:1 contrast in elder mode', async () => {
      const picker = await fixture<ZheliRegionPicker>(
        html`<zheli-region-picker mode="elder"></zheli-region-picker>`,
        { client: new FakeData() },
      );
      expect(part(picker, 'combobox').getBoundingClientRect().height).toBeGreaterThanOrEqual(48);
      await openWithKeyboard(picker);
      for (const option of parts(picker, 'option')) {
        expect(option.getBoundingClientRect().height).toBeGreaterThanOrEqual(48);
        expect(Number.parseFloat(getComputedStyle(option).fontSize)).toBeGreaterThanOrEqual(18);
      }
      expect(await axeViolations(picker, true)).toEqual([]);
    });
  });
});
