import { css, unsafeCSS } from 'lit';
import { colorTokens } from './colors.js';

/** `--_color-<role>: var(--zheli-<prefix>color-<role>, light-dark(light, dark))` for each role. */
const colors = (prefix: string, light: number): string =>
  Object.entries(colorTokens)
    .map(([role, values]) =>
      values[light]
        ? `--_color-${role}:var(--zheli-${prefix}color-${role},light-dark(${values[light]},${values[light + 1]}));`
        : '',
    )
    .join('');

/**
 * The design tokens. Each element reads the page's `--zheli-*` custom properties with these
 * defaults (light and dark through `light-dark()`), resolved once on its `base` part into
 * private `--_*` properties. Elder mode swaps in larger type, 48 px targets and colours with at
 * least 7:1 contrast; a page may tune them with the `--zheli-elder-*` tokens.
 */
export const tokens = [
  unsafeCSS(`.base{${colors('', 0)}}.base.elder{${colors('elder-', 2)}}`),
  css`
  .base {
    color-scheme: var(--zheli-color-scheme, light dark);
    --_font-size-body: var(--zheli-font-size-body, 14px);
    --_font-size-small: var(--zheli-font-size-small, 12px);
    --_font-size-title: var(--zheli-font-size-title, 16px);
    --_space-xs: var(--zheli-space-xs, 4px);
    --_space-s: var(--zheli-space-s, 8px);
    --_space-m: var(--zheli-space-m, 12px);
    --_space-l: var(--zheli-space-l, 16px);
    --_radius: var(--zheli-radius-m, 8px);
    --_target-size: var(--zheli-size-target, 32px);

    font-family: var(
      --zheli-font-family,
      system-ui, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', sans-serif
    );
    font-size: var(--_font-size-body);
    line-height: var(--zheli-line-height, 1.5);
    color: var(--_color-text);
  }

  .base.elder {
    --_font-size-body: max(18px, var(--zheli-elder-font-size-body, 20px));
    --_font-size-small: max(18px, var(--zheli-elder-font-size-small, 18px));
    --_font-size-title: max(22px, var(--zheli-elder-font-size-title, 24px));
    --_target-size: max(48px, var(--zheli-elder-size-target, 48px));
  }
  *,
  ::before,
  ::after {
    box-sizing: border-box;
  }

  :focus-visible {
    outline: 3px solid var(--_color-focus);
    outline-offset: 2px;
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--_space-xs);
    min-block-size: var(--_target-size);
    min-inline-size: var(--_target-size);
    padding: 0 var(--_space-m);
    border: 1px solid var(--_color-brand);
    border-radius: var(--_radius);
    background: var(--_color-surface);
    color: var(--_color-brand);
    font: inherit;
    text-decoration: none;
    cursor: pointer;
  }

  .button.primary {
    background: var(--_color-brand);
    color: var(--_color-on-brand);
  }

  .message {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: var(--_space-s);
  }

  .message.error {
    color: var(--_color-danger);
  }

  @media (prefers-reduced-motion: no-preference) {
    .skeleton {
      animation: zheli-pulse 1.4s infinite;
    }
  }

  @keyframes zheli-pulse {
    50% {
      opacity: 0.55;
    }
  }

  .skeleton {
    display: block;
    border-radius: 4px;
    background: var(--_color-skeleton);
  }

  /* Forced colours (Windows High Contrast) paint every background with the system's Canvas: the
     states that a fill shows get a system-coloured border or outline instead. */
  @media (forced-colors: active) {
    .skeleton {
      border: 1px dashed GrayText;
    }

    .button.primary {
      border-width: 2px;
    }
  }
`,
];
