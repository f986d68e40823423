import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.base.ts';
import { minifyTemplates } from './scripts/minify-css.mjs';

// One shared chunk per internal module, so `define.js` and each `<name>/define.js` share one
// copy of the classes. Dependencies (lit, @lit/*, @floating-ui/dom, @zheli/*) stay external.
export default defineConfig(
  packageBuild({
    entry: {
      index: 'src/index.ts',
      define: 'src/define.ts',
      'config/define': 'src/config/define.ts',
      'service-card/define': 'src/service-card/define.ts',
      'region-picker/define': 'src/region-picker/define.ts',
      'service-catalog/define': 'src/service-catalog/define.ts',
      'login-button/define': 'src/login-button/define.ts',
      'qr-code/define': 'src/qr-code/define.ts',
      'appointment-picker/define': 'src/appointment-picker/define.ts',
      'appointment-picker/ics': 'src/appointment-picker/ics.ts',
      'evaluation/define': 'src/evaluation/define.ts',
      'matter/define': 'src/matter/define.ts',
      'recommendations/define': 'src/recommendations/define.ts',
      'points/define': 'src/points/define.ts',
    },
    splitting: true,
    // The CSS inside css`…` minified and html`…` layout whitespace collapsed, as in the drop-in.
    esbuildPlugins: [minifyTemplates()],
  }),
);
