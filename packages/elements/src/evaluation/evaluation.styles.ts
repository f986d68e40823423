import { css } from 'lit';
import { form } from '../styles/form.js';
import { panel } from '../styles/panel.js';
import { tokens } from '../styles/tokens.js';

export const styles = [
  tokens,
  panel,
  form,
  css`
    .base {
      max-inline-size: var(--inline-size, 36em);
    }

    .matter {
      display: flex;
      flex-direction: column;
      gap: var(--_space-xs);
    }

    .service {
      font-size: var(--_font-size-title);
      font-weight: 600;
    }

    .case,
    .counter {
      color: var(--_color-text-muted);
      font-size: var(--_font-size-small);
    }

    .form {
      display: flex;
      flex-direction: column;
      gap: var(--_space-m);
    }

    fieldset {
      margin: 0;
      padding: 0;
      border: 0;
      min-inline-size: 0;
    }

    .legend {
      display: block;
      margin-block-end: var(--_space-s);
      padding: 0;
      font-weight: 600;
    }

    .choices {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-s);
    }

    .choice {
      min-inline-size: var(--_target-size);
      padding: 0 var(--_space-m);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      background: var(--_color-surface);
    }

    .choice.checked {
      border-color: var(--_color-brand);
      box-shadow: inset 0 0 0 1px var(--_color-brand);
      background: var(--_color-surface-raised);
    }

    @media (forced-colors: active) {
      .choice.checked {
        border: 3px solid Highlight;
        padding-inline: calc(var(--_space-m) - 2px);
      }
    }

    .choice input {
      margin: 0;
      inline-size: 1.1em;
      block-size: 1.1em;
      accent-color: var(--_color-brand);
    }

    .choice:has(input:focus-visible) {
      outline: 3px solid var(--_color-focus);
      outline-offset: 2px;
    }

    .choice input:focus-visible {
      outline: none;
    }

    .stars {
      color: var(--_color-brand);
      letter-spacing: -0.05em;
    }

    .field {
      display: flex;
      flex-direction: column;
    }

    .comment {
      inline-size: 100%;
      min-block-size: calc(var(--_target-size) * 2);
      padding: var(--_space-s);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      background: var(--_color-surface);
      color: var(--_color-text);
      font: inherit;
      resize: vertical;
    }

    .counter {
      margin-block-start: var(--_space-xs);
      text-align: end;
    }

    .actions {
      display: flex;
      align-items: center;
      gap: var(--_space-s);
    }

    .result {
      display: flex;
      flex-direction: column;
      gap: var(--_space-s);
    }

    .title {
      font-size: var(--_font-size-title);
      font-weight: 600;
    }

    .thanks .title {
      color: var(--_color-success);
    }

    .said {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }

    .skeleton {
      block-size: 12em;
    }
  `,
];
