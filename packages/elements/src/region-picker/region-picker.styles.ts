import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

export const styles = [
  tokens,
  css`
    :host {
      display: inline-block;
    }

    .base {
      display: flex;
      flex-direction: column;
      gap: var(--_space-xs);
      inline-size: var(--inline-size, 20em);
      max-inline-size: 100%;
    }

    .label {
      font-weight: 600;
    }

    .combobox {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: var(--_space-s);
      min-block-size: max(var(--_target-size), 36px);
      padding: 0 var(--_space-m);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      background: var(--_color-surface);
      color: var(--_color-text);
      cursor: pointer;
    }

    .combobox::after {
      content: '';
      inline-size: 0.5em;
      block-size: 0.5em;
      border-inline-end: 2px solid currentColor;
      border-block-end: 2px solid currentColor;
      transform: rotate(45deg) translateY(-25%);
      flex: none;
    }

    /* A long path wraps (the field grows) rather than being cut behind an ellipsis. */
    .value {
      overflow-wrap: anywhere;
      padding-block: var(--_space-xs);
    }

    .value.placeholder {
      color: var(--_color-text-muted);
    }

    .popup {
      position: fixed;
      inset: auto;
      margin: 0;
      padding: var(--_space-xs);
      overflow: auto;
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      background: var(--_color-surface);
      color: var(--_color-text);
      box-shadow: var(--zheli-shadow-popup, 0 4px 16px rgb(0 0 0 / 0.18));
      font: inherit;
    }

    .popup:not(:popover-open) {
      display: none;
    }

    .heading:empty {
      display: none;
    }

    .up {
      inline-size: 100%;
      justify-content: flex-start;
      border: none;
      margin-block-end: var(--_space-xs);
    }

    .listbox {
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .option {
      display: flex;
      align-items: center;
      justify-content: space-between;
      min-block-size: var(--_target-size);
      padding: 0 var(--_space-m);
      border-radius: calc(var(--_radius) / 2);
      cursor: pointer;
    }

    .option.active {
      background: var(--_color-brand);
      color: var(--_color-on-brand);
    }

    .option[aria-selected='true'] {
      font-weight: 700;
    }

    @media (forced-colors: active) {
      .option.active {
        forced-color-adjust: none;
        background: Highlight;
        color: HighlightText;
      }
    }

    .option.parent::after {
      content: '›';
      padding-inline-start: var(--_space-s);
    }

    .message {
      margin: 0;
      padding: var(--_space-s);
    }
  `,
];
