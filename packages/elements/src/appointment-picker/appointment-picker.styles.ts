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
      gap: var(--_space-m);
      inline-size: var(--inline-size, 26em);
      max-inline-size: 100%;
      padding: var(--_space-l);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      background: var(--_color-surface);
    }

    .heading {
      margin: 0;
      font-size: var(--_font-size-title);
      font-weight: 600;
    }

    .heading.success {
      color: var(--_color-success);
    }

    .subheading {
      margin: 0;
      font-weight: 600;
    }

    .muted {
      color: var(--_color-text-muted);
    }

    .small {
      margin: 0;
      font-size: var(--_font-size-small);
    }

    .sites,
    .slots {
      display: flex;
      flex-direction: column;
      gap: var(--_space-s);
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .site,
    .slot {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 2px;
      inline-size: 100%;
      min-block-size: var(--_target-size);
      padding: var(--_space-s) var(--_space-m);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      background: var(--_color-surface);
      color: var(--_color-text);
      font: inherit;
      text-align: start;
      cursor: pointer;
    }

    .site:hover,
    .slot:not(.full):hover {
      border-color: var(--_color-brand);
    }

    /* Only groups the controls a disabled picker disables: no box of its own. */
    fieldset {
      display: contents;
    }

    .site:disabled,
    .slot:disabled {
      color: var(--_color-text-muted);
      cursor: not-allowed;
    }

    .site-name {
      margin: 0;
      font-size: inherit;
      font-weight: 600;
    }

    .site-row,
    .month-row,
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: var(--_space-s);
    }

    .actions {
      justify-content: flex-start;
    }

    .actions p {
      flex-basis: 100%;
      margin: 0;
    }

    .calendar {
      display: flex;
      flex-direction: column;
      gap: var(--_space-s);
    }

    .month {
      margin: 0;
      font-size: var(--_font-size-title);
    }

    .button:disabled {
      border-color: var(--_color-border);
      color: var(--_color-text-muted);
      background: var(--_color-surface);
      cursor: not-allowed;
    }

    .button.danger {
      border-color: var(--_color-danger);
      color: var(--_color-danger);
    }

    .grid {
      inline-size: 100%;
      border-collapse: collapse;
      table-layout: fixed;
    }

    .grid th {
      padding: var(--_space-xs) 0;
      font-size: var(--_font-size-small);
      font-weight: 600;
      color: var(--_color-text-muted);
    }

    .day {
      position: relative;
      /* Room for the number and a reason line whether or not the day has one, so a week never
         grows when its reasons arrive with the month's slots. */
      block-size: max(var(--_target-size), 44px, calc(1.5em + var(--_font-size-small) * 1.2 + 8px));
      padding: 2px;
      border: 2px solid transparent;
      border-radius: var(--_radius);
      text-align: center;
      vertical-align: top;
      color: var(--_color-text-muted);
      cursor: default;
    }

    .day.available {
      color: var(--_color-text);
      font-weight: 600;
      cursor: pointer;
    }

    .day.today {
      border-color: var(--_color-border);
    }

    .day.selected {
      background: var(--_color-brand);
      color: var(--_color-on-brand);
    }

    .day:focus-visible {
      outline: 3px solid var(--_color-focus);
      outline-offset: -3px;
    }

    .number {
      display: block;
      line-height: 1.5;
    }

    .reason {
      display: block;
      font-size: var(--_font-size-small);
      font-weight: 400;
      line-height: 1.2;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }

    .dot {
      display: block;
      inline-size: 6px;
      block-size: 6px;
      margin: 2px auto 0;
      border-radius: 50%;
      background: currentColor;
    }

    /* Elder mode (the only container: .base.elder) where seven 48 px days do not fit in a row,
       a phone under ~400 px: each week wraps onto two lines, Monday to Thursday and Friday to
       Sunday, every day at least 48 px wide with its weekday drawn in it. The table stays a
       grid of weeks for assistive technology (explicit roles) and the keyboard is the APG date
       picker's, unchanged: a row is still a week, ArrowDown the same weekday a week later. */
    @container picker (width < 340px) {
      .grid,
      tbody {
        display: block;
      }

      thead {
        position: absolute;
        clip-path: inset(50%);
      }

      tbody tr {
        display: grid;
        grid-template-columns: repeat(4, 1fr);
        gap: 2px;
        margin-block-end: var(--_space-s);
      }

      .day {
        block-size: auto;
        min-block-size: var(--_target-size);
      }

      /* Drawn, not text: the cell's hidden text says the weekday in full. */
      .day::before {
        content: attr(data-weekday) / '';
        display: block;
        font-size: var(--_font-size-small);
      }

      .reason {
        white-space: normal;
        overflow-wrap: anywhere;
      }
    }

    /* Forced colours (Windows high contrast) drop backgrounds and author colours: each state
       shown by colour is drawn with the system colours instead. */
    @media (forced-colors: active) {
      .day {
        color: GrayText;
      }

      .available {
        color: LinkText;
      }

      .today {
        border: 2px dashed;
      }

      /* The one fill kept: the system's own selection colours, as a native list shows them
         (without forced-color-adjust Chromium repaints it with the page's Canvas). */
      .selected {
        forced-color-adjust: none;
        background: Highlight;
        color: HighlightText;
      }

      /* The availability dot: a ring, as a fill is removed. */
      .dot {
        border: 3px solid;
      }

      .chosen {
        border-color: Highlight;
      }

      .error {
        border-inline-start: 4px solid;
        padding-inline-start: var(--_space-s);
      }
    }

    .slot-row {
      display: flex;
      gap: var(--_space-s);
      align-items: stretch;
    }

    .slot {
      flex: 1;
      flex-direction: row;
      justify-content: space-between;
      align-items: center;
    }

    .slot.full {
      color: var(--_color-text-muted);
      cursor: not-allowed;
    }

    .slot.chosen {
      border-color: var(--_color-brand);
      border-width: 2px;
    }

    .time {
      font-weight: 600;
    }

    .popover {
      position: fixed;
      inset: auto;
      margin: 0;
      max-inline-size: 20em;
      padding: var(--_space-m);
      border: 1px solid var(--_color-border);
      border-radius: var(--_radius);
      background: var(--_color-surface-raised);
      color: var(--_color-text);
      box-shadow: var(--_shadow-popup);
      font-family: var(--_font-family);
      font-size: var(--_font-size-body);
    }

    .popover p {
      margin: 0 0 var(--_space-xs);
    }

    .summary {
      display: grid;
      gap: var(--_space-s);
      margin: 0;
    }

    .summary div {
      display: grid;
      grid-template-columns: 5em 1fr;
      gap: var(--_space-s);
    }

    /* In elder mode its width picks the calendar's layout (see the container query below). Its
       own width is set, so the containment changes nothing else. */
    .base.elder {
      container: picker / inline-size;
    }

    .elder .summary div {
      grid-template-columns: 1fr;
      gap: 0;
    }

    .summary dt {
      color: var(--_color-text-muted);
    }

    .summary dd {
      margin: 0;
    }

    .ticket {
      display: flex;
      flex-direction: column;
      gap: var(--_space-m);
    }

    .notice {
      padding: var(--_space-s);
      border-inline-start: 4px solid var(--_color-brand);
      background: var(--_color-surface-raised);
    }

    .message p {
      margin: 0;
    }
  `,
];
