import { css } from 'lit';

/**
 * The panel that an element showing one card of content sits in (the evaluation, the
 * matter, the points, the recommendations): a bordered column on the surface colour. Each element sets its own largest
 * width on `.base` (its `--inline-size` knob).
 */
export const panel = css`
  :host {
    display: block;
  }

  .base {
    display: flex;
    flex-direction: column;
    gap: var(--_space-m);
    padding: var(--_space-l);
    border: 1px solid var(--_color-border);
    border-radius: var(--_radius);
    background: var(--_color-surface);
  }

  p {
    margin: 0;
  }
`;
