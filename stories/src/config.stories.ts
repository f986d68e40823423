import { html } from 'lit';
import { expect, waitFor } from 'storybook/test';
import preview from '../.storybook/preview.js';
import { dark, elder, english, find, part, textOf, traditional } from './helpers.js';
import { apiBase } from './mocks/api.js';
import { anji, vehicleInspection } from './mocks/seed.js';

/**
 * `<zheli-config>` as a county site uses it: attributes only, the real client created from
 * `base-url` (MSW answers it). The story's toolbar language is passed as its `locale`.
 */
const meta = preview.meta({
  title: 'Elements/Config',
  component: 'zheli-config',
  args: { baseUrl: apiBase },
  render: (args, { globals }) => html`<zheli-config
    .baseUrl=${args.baseUrl}
    .locale=${args.locale ?? globals.locale}
    .mode=${args.mode ?? (globals.mode === 'elder' ? 'elder' : undefined)}
    .portalUrl=${args.portalUrl}
  >
    <zheli-region-picker value=${anji}></zheli-region-picker>
    <zheli-service-card service-id=${vehicleInspection}></zheli-service-card>
  </zheli-config>`,
});

/** A county page: Anji in the region picker, the vehicle inspection card below it. */
export const CountyPage = meta.story({
  async play({ canvasElement }) {
    const card = find(canvasElement, 'zheli-service-card');
    await waitFor(() => expect(textOf(part(card, 'name'))).toBe('机动车检验预约'));
  },
});

/** `mode="elder"` on the config turns on elder mode for everything inside. */
export const ElderMode = meta.story({ ...elder, args: { mode: 'elder' } });
export const DarkTheme = meta.story(dark);
export const English = meta.story(english);
export const TraditionalChinese = meta.story(traditional);
