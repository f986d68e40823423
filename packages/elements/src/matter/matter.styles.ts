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
      max-inline-size: var(--inline-size, 44em);
    }

    h2,
    h3 {
      margin: 0;
    }

    .heading {
      font-size: var(--_font-size-title);
    }

    .subheading {
      font-size: var(--_font-size-body);
      font-weight: 600;
    }

    .subheading:focus {
      outline: none;
    }

    .subheading:focus-visible {
      outline: 3px solid var(--_color-focus);
      outline-offset: 2px;
    }

    .section,
    .form,
    .fields,
    .progress {
      display: flex;
      flex-direction: column;
      gap: var(--_space-s);
    }

    .steps,
    .materials,
    .stages {
      display: flex;
      flex-direction: column;
      gap: var(--_space-xs);
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .step,
    .material {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space-xs) var(--_space-s);
      padding: var(--_space-s);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
    }

    .department,
    .material-name {
      font-weight: 600;
    }

    .muted {
      color: var(--_color-text-muted);
      font-size: var(--_font-size-small);
    }

    .stages {
      flex-direction: row;
      flex-wrap: wrap;
      gap: var(--_space-m);
      counter-reset: stage;
    }

    .stages li {
      display: inline-flex;
      align-items: center;
      gap: var(--_space-xs);
      color: var(--_color-text-muted);
    }

    .stages .number {
      display: inline-grid;
      place-items: center;
      inline-size: 1.8em;
      block-size: 1.8em;
      border: 2px solid currentColor;
      border-radius: 50%;
    }

    .stages .current {
      color: var(--_color-brand);
      font-weight: 600;
    }

    .stages .done {
      color: var(--_color-success);
    }

    .badge {
      padding: 0 var(--_space-xs);
      border: 1px solid currentColor;
      border-radius: var(--_radius);
      font-size: var(--_font-size-small);
    }

    .badge.ok,
    .badge.completed {
      color: var(--_color-success);
    }

    .badge.rejected {
      color: var(--_color-danger);
      font-weight: 600;
    }

    .badge.processing,
    .badge.accepted {
      color: var(--_color-brand);
    }

    .choice input,
    .check input {
      inline-size: 1.2em;
      block-size: 1.2em;
      accent-color: var(--_color-brand);
    }

    .field {
      display: flex;
      flex-direction: column;
      gap: var(--_space-xs);
    }

    .label {
      font-weight: 600;
    }

    .control {
      min-block-size: var(--_target-size);
      padding: 0 var(--_space-s);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      background: var(--_color-surface);
      color: var(--_color-text);
      font: inherit;
    }

    .control:focus-visible,
    .choice input:focus-visible,
    .check input:focus-visible {
      outline: 3px solid var(--_color-focus);
      outline-offset: 2px;
    }

    .control[aria-invalid='true'] {
      border: 2px solid var(--_color-danger);
    }

    .note:empty {
      display: none;
    }

    .summary dd {
      overflow-wrap: anywhere;
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space-s);
    }

    .correction {
      display: flex;
      flex-basis: 100%;
      flex-direction: column;
      gap: var(--_space-xs);
    }

    .summary.completed {
      color: var(--_color-success);
      font-weight: 600;
    }

    .summary.needs_correction {
      color: var(--_color-danger);
      font-weight: 600;
    }

    .skeleton {
      block-size: 16em;
    }

    /* Forced colours: states keep a visible shape, not only a colour. */
    @media (forced-colors: active) {
      .stages .current .number {
        border: 3px solid Highlight;
      }

      .badge.rejected,
      .control[aria-invalid='true'] {
        border: 3px solid Mark;
      }

      .step.rejected {
        border: 3px solid CanvasText;
      }
    }
  `,
];
