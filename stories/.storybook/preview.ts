import addonA11y from '@storybook/addon-a11y';
import addonDocs from '@storybook/addon-docs';
import {
  argTypesEnhancers,
  parameters as manifestParameters,
} from '@storybook/web-components/entry-preview-argtypes';
import { definePreview, setCustomElementsManifest } from '@storybook/web-components-vite';
import { configure, type Locale, type Mode, setLocale } from '@zheli/elements';
import manifest from '@zheli/elements/custom-elements.json' with { type: 'json' };
import '@zheli/elements/define.js';
import { html } from 'lit';
import type { SetupWorker } from 'msw/browser';
import addonMsw from 'msw-storybook-addon';
import { configure as configureTesting } from 'storybook/test';
import {
  type FakeAuth,
  fakeAuth,
  storyClient,
  type Theme,
  type ZheliStoryParameters,
} from '../src/helpers.js';
import { platform, said } from '../src/mocks/api.js';
import { bookings } from '../src/mocks/booking.js';
import { matterHandlers, matterState } from '../src/mocks/matters.js';
import { anjiDriver } from '../src/mocks/seed.js';
import './preview.css';

// Controls and docs come from the manifest the elements build generates; only the public API is
// shown (the analyzer also lists private and protected fields, which are not for pages to set).
interface ManifestMember {
  name: string;
  privacy?: string;
  static?: boolean;
}
interface ManifestDeclaration {
  kind: string;
  members?: ManifestMember[];
  attributes?: unknown[];
}
interface Manifest {
  modules: { declarations?: ManifestDeclaration[] }[];
}
const elements: Manifest = manifest;
setCustomElementsManifest({
  ...elements,
  modules: elements.modules.map((module) => ({
    ...module,
    declarations: module.declarations?.map((declaration) =>
      declaration.members === undefined
        ? declaration
        : {
            ...declaration,
            // The properties carry the attributes' docs: both would show every control twice.
            attributes: [],
            members: declaration.members.filter(
              (member) => member.privacy === undefined && member.static !== true,
            ),
          },
    ),
  })),
});

// Play functions wait up to 5 s for what they expect (Testing Library's default is 1 s): the
// first story of a cold page, or of a static build on a busy 2-core machine, answers later.
configureTesting({ asyncUtilTimeout: 5000 });

interface Loaded {
  auth: FakeAuth;
  client: ReturnType<typeof storyClient>;
}

// One worker for the page, started once even when several stories load at the same time.
let worker: Promise<SetupWorker> | undefined;
async function startWorker(): Promise<SetupWorker> {
  const { setupWorker } = await import('msw/browser');
  const started = setupWorker();
  await started.start({ quiet: true, onUnhandledFrame: 'bypass' });
  return started;
}

export default definePreview({
  addons: [addonDocs(), addonA11y(), addonMsw(() => (worker ??= startWorker()))],
  // Controls and the docs table from the manifest (set above).
  argTypesEnhancers,
  tags: ['autodocs'],
  globalTypes: {
    locale: {
      description: 'Language of every element',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'zh-CN', title: '简体中文 (zh-CN)' },
          { value: 'zh-TW', title: '繁體中文 (zh-TW)' },
          { value: 'en', title: 'English (en)' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Light or dark colours (--zheli-color-scheme)',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
        ],
        dynamicTitle: true,
      },
    },
    mode: {
      description: 'Elder mode (适老化) for the whole page',
      toolbar: {
        title: 'Mode',
        icon: 'accessibility',
        items: [
          { value: 'standard', title: 'Standard' },
          { value: 'elder', title: 'Elder mode (长辈版)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'zh-CN', theme: 'light', mode: 'standard' },
  parameters: {
    layout: 'fullscreen',
    // Every story is an accessibility test: a violation fails it in Vitest and in CI.
    a11y: { test: 'error' },
    controls: { expanded: true },
    docs: {
      ...manifestParameters.docs,
      // Each story of a docs page in its own frame, so each has its own network answers.
      story: { inline: false, iframeHeight: 360 },
    },
  },
  // A fresh sign-in and client per story, and the story's language loaded before it renders.
  loaders: [
    async ({ globals, parameters }): Promise<Loaded> => {
      const options: ZheliStoryParameters = parameters.zheli ?? {};
      const locale = globals.locale as Locale;
      await setLocale(locale);
      const auth = fakeAuth(
        options.session === 'signed-in'
          ? { ...anjiDriver, claims: { ...anjiDriver.claims } }
          : null,
        { fails: options.signIn === 'fails' },
      );
      return { auth, client: storyClient(auth, () => locale) };
    },
  ],
  // The platform's default answers for every story, with no bookings yet; a story adds its own
  // answers on top.
  beforeEach({ msw }) {
    bookings.reset();
    said.reset();
    matterState.reset();
    msw.use(...platform);
    // One-matter applications: kept in their own module, taking precedence over the catch-all.
    msw.use(...matterHandlers);
  },
  decorators: [
    (story, { globals, parameters, loaded }) => {
      const options: ZheliStoryParameters = parameters.zheli ?? {};
      const { auth, client } = loaded as Loaded;
      const theme = globals.theme as Theme;
      configure(
        options.configured === false
          ? { locale: globals.locale as Locale }
          : {
              client,
              auth,
              locale: globals.locale as Locale,
              mode: globals.mode as Mode,
            },
      );
      return html`<div class="zheli-story" data-theme=${theme} lang=${globals.locale}>${story()}</div>`;
    },
  ],
  // Sets each arg as a property (the manifest names them), a CSS custom property arg as a style
  // on the element, and turns event args into listeners.
  render(args, { component, argTypes }) {
    const element = document.createElement(String(component));
    for (const [key, value] of Object.entries(args)) {
      const action = argTypes[key]?.action;
      if (
        typeof value === 'function' &&
        typeof action === 'object' &&
        action !== null &&
        'name' in action
      ) {
        element.addEventListener(String(action.name), value as EventListener);
      } else if (key.startsWith('--')) {
        if (typeof value === 'string' && value !== '') element.style.setProperty(key, value);
      } else if (value !== undefined) {
        Reflect.set(element, key, value);
      }
    }
    return element;
  },
});
