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
      /* The reserved height, the same in every state (nothing shifts as the card loads); text
         that needs more room (a long name, larger text spacing) makes the card taller instead of
         being cut off (WCAG 1.4.12). */
      min-block-size: var(--block-size, 212px);
      padding: var(--_space-l);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      background: var(--_color-surface);
    }

    .base.compact {
      display: grid;
      grid-template-columns: minmax(0, 1fr) auto;
      align-content: start;
      gap: 0 var(--_space-m);
      min-block-size: var(--block-size, 96px);
      padding: var(--_space-m);
    }

    .compact > :not(.actions) {
      grid-column: 1;
    }

    .base.elder {
      min-block-size: var(--block-size, 320px);
      border-width: 2px;
    }

    .base.elder.compact {
      min-block-size: var(--block-size, 152px);
    }

    p,
    ul,
    dl,
    dd {
      margin: 0;
      padding: 0;
    }

    .name {
      font-size: var(--_font-size-title);
      font-weight: 600;
    }

    .department {
      color: var(--_color-text-muted);
    }

    .badges {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-xs);
      list-style: none;
      min-block-size: 1lh;
    }

    .compact .badges {
      display: none;
    }

    .badge {
      padding: 0 var(--_space-s);
      border-radius: 999px;
      background: var(--_color-success-surface);
      color: var(--_color-success);
      font-size: var(--_font-size-small);
      border: 1px solid var(--_color-success);
    }

    .facts {
      display: flex;
      flex-wrap: wrap;
      column-gap: var(--_space-l);
    }


    .fact dt {
      color: var(--_color-text-muted);
    }

    .actions {
      display: flex;
      gap: var(--_space-s);
      margin-block-start: auto;
    }

    /* Two buttons stacked beside three one-line texts: 2 × 32 + 4 fits the 70 px inside. */
    .compact .actions {
      grid-column: 2;
      grid-row: 1 / span 3;
      align-self: center;
      flex-direction: column;
      gap: var(--_space-xs);
      margin: 0;
    }

    .compact .facts {
      display: block;
    }

    /* Long names and departments wrap: a word is never cut off or hidden behind an ellipsis. */
    .name,
    .department {
      overflow-wrap: anywhere;
    }

    dt,
    dd {
      display: inline;
      margin-inline-end: var(--_space-xs);
    }

    .elder .facts {
      flex-direction: column;
    }

    .line {
      block-size: 1em;
      inline-size: 80%;
    }

    .line.title {
      block-size: 1.4em;
      inline-size: 60%;
    }

    .line.short {
      inline-size: 40%;
    }
  `,
];
