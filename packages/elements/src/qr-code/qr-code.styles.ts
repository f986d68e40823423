import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

export const styles = [
  tokens,
  css`
    :host {
      display: inline-block;
    }

    .base {
      --_color-warning: var(--zheli-color-warning, light-dark(#7a4f00, #ffd278));
      --_frame-width: var(--frame-width, 4px);
      display: inline-flex;
      flex-direction: column;
      align-items: center;
      gap: var(--_space-s);
      max-inline-size: 100%;
    }

    .base.elder {
      --_color-warning: var(--zheli-elder-color-warning, light-dark(#5a3a00, #ffe3a8));
      --_frame-width: max(6px, var(--frame-width, 6px));
    }

    .frame {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: var(--_space-xs);
      margin: 0;
      padding: var(--_space-s);
      border: var(--_frame-width) solid transparent;
      border-radius: var(--_radius);
      background: #ffffff;
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
      color: #14653a;
    }

    .yellow .status {
      color: #6b4500;
    }

    .red .status {
      color: #a8201a;
    }

    .elder .green .status {
      color: #0a4a29;
    }

    .elder .yellow .status {
      color: #4d3200;
    }

    .elder .red .status {
      color: #7a1410;
    }

    .status-icon {
      font-weight: 700;
    }

    .countdown,
    .copy-status {
      margin: 0;
      color: var(--_color-text-muted);
      font-size: var(--_font-size-small);
      min-block-size: calc(var(--_font-size-small) * var(--_line-height));
    }

    .actions {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: var(--_space-xs);
    }

    .payload {
      max-inline-size: 100%;
      color: var(--_color-text);
    }

    .payload summary {
      cursor: pointer;
      min-block-size: var(--_target-size);
      display: flex;
      align-items: center;
    }

    .payload-text {
      display: block;
      max-inline-size: 40ch;
      overflow-wrap: anywhere;
      user-select: all;
      font-family: ui-monospace, monospace;
      font-size: var(--_font-size-small);
    }

    .message p {
      margin: 0;
    }

    .message {
      margin: 0;
      max-inline-size: 40ch;
    }
  `,
];
