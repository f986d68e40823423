import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import ElementExample from './ElementExample.vue';

export default {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('ElementExample', ElementExample);
  },
} satisfies Theme;
