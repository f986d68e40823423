import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

export const styles = [
  tokens,
  css`
    :host {
      display: inline-block;
    }

    .base {
      --_color-warning: var(--zheli-color-warning, light-dark(#6b4500, #ffd278));
      display: inline-flex;
      flex-direction: column;
      align-items: center;
      gap: var(--_space-s);
      max-inline-size: 100%;
    }

    /* Every state but the code itself lies over an invisible copy of the code's layout, so the
       element keeps the code's size while it loads, fails or expires. */
    .stack {
      display: inline-grid;
      max-inline-size: 100%;
    }

    .stack > * {
      grid-area: 1 / 1;
    }

    /* Laid out as the base lays out the shown code. */
    .reserve {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: var(--_space-s);
      visibility: hidden;
    }

    .state {
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: var(--_space-s);
      inline-size: 0;
      min-inline-size: 100%;
      text-align: center;
    }

    .base.elder {
      --_color-warning: var(--zheli-elder-color-warning, light-dark(#4d3200, #ffe3a8));
    }

    .elder .frame {
      border-width: max(6px, var(--frame-width, 6px));
    }

    .frame {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: var(--_space-xs);
      margin: 0;
      padding: var(--_space-s);
      border: var(--frame-width, 4px) solid transparent;
      border-radius: var(--_radius);
      color-scheme: light;
      background: #ffffff;
      color: #000000;
    }

    .frame.green {
      border-color: var(--_color-success);
    }

    .frame.yellow {
      border-color: var(--_color-warning);
    }

    .frame.red {
      border-color: var(--_color-danger);
    }

    .code {
      display: block;
      max-inline-size: 100%;
      block-size: auto;
    }

    .status {
      display: inline-flex;
      align-items: center;
      gap: var(--_space-xs);
      font-size: var(--_font-size-title);
      font-weight: 600;
    }

    .green .status {
      color: var(--_color-success);
    }

    .yellow .status {
      color: var(--_color-warning);
    }

    .red .status {
      color: var(--_color-danger);
    }

    .countdown,
    .copy-status {
      margin: 0;
      color: var(--_color-text-muted);
      font-size: var(--_font-size-small);
      min-block-size: 1lh;
    }

    .actions {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: var(--_space-xs);
    }

    /* A list item keeps the disclosure triangle that says the text opens (flex would drop it);
       the padding makes it a full-size target. */
    .payload summary {
      display: list-item;
      padding-block: calc((var(--_target-size) - 1lh) / 2);
      cursor: pointer;
    }

    .payload-text {
      display: block;
      max-inline-size: 40ch;
      overflow-wrap: anywhere;
      font-family: ui-monospace, monospace;
      font-size: var(--_font-size-body);
    }

    .message,
    .message p {
      margin: 0;
      max-inline-size: 40ch;
    }
  `,
];
