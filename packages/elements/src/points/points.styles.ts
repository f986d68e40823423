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

    ul,
    ol {
      margin: 0;
    }

    .heading {
      margin: 0;
      font-size: var(--_font-size-title);
    }

    .subheading {
      margin: 0 0 var(--_space-s);
      font-size: var(--_font-size-body);
      font-weight: 600;
    }

    .muted {
      color: var(--_color-text-muted);
      font-size: var(--_font-size-small);
    }

    .balance {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-l);
      padding: var(--_space-m);
      border: 1px solid var(--_color-border);
      border-inline-start: 4px solid var(--_color-brand);
      border-radius: var(--_radius);
    }

    .balance p {
      display: flex;
      flex-direction: column;
    }

    .amount {
      font-size: var(--_font-size-title);
    }

    .rewards,
    .entries,
    .rule-list {
      display: flex;
      flex-direction: column;
      gap: var(--_space-xs);
      padding: 0;
      list-style: none;
    }

    .reward,
    .rule {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space-s);
      padding-block: var(--_space-xs);
      border-block-end: 1px solid var(--_color-border);
    }

    .reward-name,
    .rule > span:first-child {
      flex: 1 1 10em;
    }

    .reward-points,
    .rule-points,
    .entry-points {
      font-variant-numeric: tabular-nums;
      font-weight: 600;
    }

    .entry {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 0 var(--_space-s);
      padding-block: var(--_space-xs);
      border-block-end: 1px solid var(--_color-border);
    }

    .entry-meta,
    .entry-note {
      grid-column: 1 / -1;
    }

    .entry-points {
      color: var(--_color-success);
    }

    .entry.minus .entry-points,
    .rule.minus .rule-points {
      color: var(--_color-danger);
    }

    .confirm,
    .redemption {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: var(--_space-s);
      margin-block-end: var(--_space-s);
      padding: var(--_space-m);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-s);
    }

    .skeleton {
      block-size: 12em;
    }

    @media (forced-colors: active) {
      .balance {
        border-inline-start-color: CanvasText;
      }

      .entry-points,
      .entry.minus .entry-points,
      .rule.minus .rule-points {
        color: CanvasText;
      }
    }
  `,
];
