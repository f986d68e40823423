import { defineElement } from '../internal/define.js';
import { setMatterLoaders } from './loaders.js';
import { ZheliMatter } from './matter.js';

// The progress view and a completed application's `<zheli-evaluation>` load when an application
// is first shown, through these loaders (written here, not in the matter's modules: loaders.ts).
setMatterLoaders({
  progress: () => import('./progress.js'),
  evaluation: () => import('../evaluation/define.js'),
});

defineElement('zheli-matter', ZheliMatter);

export { ZheliMatter };

declare global {
  interface HTMLElementTagNameMap {
    'zheli-matter': ZheliMatter;
  }
}
