import DefaultTheme from 'vitepress/theme';
import type { Theme } from 'vitepress';
import ElementExample from './ElementExample.vue';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('ElementExample', ElementExample);
  },
} satisfies Theme;
