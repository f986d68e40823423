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

    .item,
    .item {
      border-inline-start-width: 4px;
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

    .reason .label,
    .consent .label {
      font-weight: 600;
      margin-inline-end: var(--_space-xs);
    }

    .actions,
    .choices {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-s);
      margin-block-start: var(--_space-xs);
    }

    .choices {
      padding: var(--_space-s);
      border: 1px dashed var(--_color-border);
      border-radius: var(--_radius);
    }

    .uses,
    .withheld {
      color: var(--_color-text-muted);
      font-size: var(--_font-size-small);
    }

    .notice {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space-s);
    }

    .consents {
      display: flex;
      flex-direction: column;
      gap: var(--_space-s);
    }


    .track {
      position: relative;
      inline-size: 2.2em;
      block-size: 1.2em;
      border: 1px solid currentColor;
      border-radius: 1em;
    }

    .track::after {
      content: '';
      position: absolute;
      inset-block-start: 0.1em;
      inset-inline-start: 0.1em;
      inline-size: 0.9em;
      block-size: 0.9em;
      border-radius: 50%;
      background: currentColor;
    }

    .switch[aria-checked='true'] {
      background: var(--_color-brand);
      color: var(--_color-on-brand);
    }

    .switch[aria-checked='true'] .track::after {
      inset-inline-start: 1.1em;
    }

    .skeleton {
      block-size: 10em;
    }
  `,
];
