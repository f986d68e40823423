// `@storybook/web-components/entry-preview-argtypes` ships without types. It turns the custom
// elements manifest into argTypes (controls and the docs table); CSF Next's `definePreview` for
// web components does not include it (10.6), so preview.ts adds it.
declare module '@storybook/web-components/entry-preview-argtypes' {
  import type { ArgTypesEnhancer, Parameters, Renderer } from 'storybook/internal/types';

  export const parameters: Parameters;
  export const argTypesEnhancers: ArgTypesEnhancer<Renderer>[];
}
