import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

export const styles = [
  tokens,
  css`
    :host {
      display: inline-block;
    }

    .base {
      display: inline-flex;
      align-items: center;
      gap: var(--_space-s);
      inline-size: var(--inline-size, auto);
      min-block-size: max(var(--_target-size), 36px);
    }

    .button {
      min-block-size: max(var(--_target-size), 36px);
    }

    .button[aria-disabled='true'] {
      cursor: progress;
    }

    .message {
      margin: 0;
    }
  `,
];
