import { css } from 'lit';
import { tokens } from '../styles/tokens.js';

export const styles = [
  tokens,
  css`
    :host {
      display: block;
    }

    .base {
      display: flex;
      flex-direction: column;
      gap: var(--_space-s);
    }

    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-s);
      align-items: flex-end;
    }

    /* A definite least width (the basis): with the default (auto) a field is at least as wide as
       its content, and a select's content width is its widest option, so the toolbar's first
       layout measured the text of every option (most of a catalog's first layout). */
    .field {
      display: flex;
      flex-direction: column;
      gap: 2px;
      flex: 1 1 8em;
      min-inline-size: 8em;
    }

    .search-field {
      flex: 3 1 14em;
    }

    .field-label {
      font-size: var(--_font-size-small);
      color: var(--_color-text-muted);
    }

    .input {
      min-block-size: max(var(--_target-size), 36px);
      padding: 0 var(--_space-s);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      background: var(--_color-surface);
      color: var(--_color-text);
      font: inherit;
    }

    .count {
      margin: 0;
      min-block-size: 1lh;
      color: var(--_color-text-muted);
    }

    .list {
      block-size: var(--block-size, 480px);
      display: flex;
      flex-direction: column;
      gap: var(--_space-s);
      overflow: hidden;
    }

    /* Out of the flow, over the list's top corner: shown only while it has focus, it moves nothing. */
    .skip {
      position: absolute;
      z-index: 1;
      margin: var(--_space-s);
    }

    .skip:not(:focus) {
      inline-size: 1px;
      block-size: 1px;
      min-inline-size: 0;
      min-block-size: 0;
      padding: 0;
      border: 0;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }

    .list.scroller {
      display: block;
      overflow: auto;
      scrollbar-gutter: stable;
    }

    /* Rows reserve the compact card's height, so the virtualizer's estimate is right for most
       rows; a card whose text needs more room (a long name, larger text spacing) makes its row
       taller, which the virtualizer measures. */
    .item {
      inline-size: 100%;
      min-block-size: calc(96px + var(--_space-s));
      padding-block-end: var(--_space-s);
    }

    .elder .item {
      min-block-size: calc(152px + var(--_space-s));
    }

    .row {
      flex: none;
      block-size: 96px;
    }

    .elder .row {
      block-size: 152px;
    }

    .footer {
      min-block-size: max(var(--_target-size), 2.5em);
      display: flex;
      align-items: center;
    }

    .footer .message {
      flex-direction: row;
      align-items: center;
    }

    .more,
    .message p {
      margin: 0;
    }

    .message {
      margin: 0;
      padding: var(--_space-s);
    }
  `,
];
