import { css } from 'lit';
import { panel } from '../styles/panel.js';
import { tokens } from '../styles/tokens.js';

export const styles = [
  tokens,
  panel,
  css`
    .base {
      max-inline-size: var(--inline-size, 40em);
    }

    .heading {
      margin: 0;
      font-size: var(--_font-size-title);
    }

    .list {
      display: flex;
      flex-direction: column;
      gap: var(--_space-m);
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .item {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: var(--_space-xs);
      padding: var(--_space-m);
      border: 1px solid var(--_color-border);
      border-inline-start-width: 4px;
      border-radius: var(--_radius);
    }

    .item.reminder {
      border-inline-start-color: var(--_color-danger);
    }

    .item.policy,
    .item.bundle {
      border-inline-start-color: var(--_color-brand);
    }

    .kind,
    .due {
      color: var(--_color-text-muted);
      font-size: var(--_font-size-small);
    }

    .title {
      font-weight: 600;
    }

    .reason .label {
      font-weight: 600;
      margin-inline-end: var(--_space-xs);
    }

    .item .button {
      margin-block-start: var(--_space-xs);
    }

    .skeleton {
      block-size: 10em;
    }
  `,
];
