import { css } from 'lit';

/**
 * The design tokens. Each element reads the page's `--zheli-*` custom properties with these
 * defaults (light and dark through `light-dark()`), resolved once on its `base` part into
 * private `--_*` properties. Elder mode swaps in larger type, 48 px targets and colours with at
 * least 7:1 contrast; a page may tune them with the `--zheli-elder-*` tokens.
 */
export const tokens = css`
  .base {
    color-scheme: var(--zheli-color-scheme, light dark);
    --_color-brand: var(--zheli-color-brand, light-dark(#1a56c4, #8fb8ff));
    --_color-on-brand: var(--zheli-color-on-brand, light-dark(#ffffff, #0b1a33));
    --_color-text: var(--zheli-color-text, light-dark(#1b1f24, #eef1f5));
    --_color-text-muted: var(--zheli-color-text-muted, light-dark(#4a5360, #b8c0cc));
    --_color-surface: var(--zheli-color-surface, light-dark(#ffffff, #14181d));
    --_color-surface-raised: var(--zheli-color-surface-raised, light-dark(#f4f6f9, #1f252c));
    --_color-border: var(--zheli-color-border, light-dark(#c9d0d9, #3a434e));
    --_color-success: var(--zheli-color-success, light-dark(#14653a, #8fe0b0));
    --_color-success-surface: var(--zheli-color-success-surface, light-dark(#e3f4ea, #123322));
    --_color-danger: var(--zheli-color-danger, light-dark(#a8201a, #ffaba6));
    --_color-focus: var(--zheli-color-focus, light-dark(#1a56c4, #8fb8ff));
    --_color-skeleton: var(--zheli-color-skeleton, light-dark(#e6e9ee, #2a3038));
    --_font-family: var(
      --zheli-font-family,
      system-ui, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', sans-serif
    );
    --_font-size-body: var(--zheli-font-size-body, 14px);
    --_font-size-small: var(--zheli-font-size-small, 12px);
    --_font-size-title: var(--zheli-font-size-title, 16px);
    --_line-height: var(--zheli-line-height, 1.5);
    --_space-xs: var(--zheli-space-xs, 4px);
    --_space-s: var(--zheli-space-s, 8px);
    --_space-m: var(--zheli-space-m, 12px);
    --_space-l: var(--zheli-space-l, 16px);
    --_radius: var(--zheli-radius-m, 8px);
    --_target-size: var(--zheli-size-target, 32px);
    --_shadow-popup: var(--zheli-shadow-popup, 0 4px 16px rgb(0 0 0 / 0.18));

    box-sizing: border-box;
    font-family: var(--_font-family);
    font-size: var(--_font-size-body);
    line-height: var(--_line-height);
    color: var(--_color-text);
  }

  .base.elder {
    --_color-brand: var(--zheli-elder-color-brand, light-dark(#0b3a8c, #c4dbff));
    --_color-on-brand: var(--zheli-elder-color-on-brand, light-dark(#ffffff, #000000));
    --_color-text: var(--zheli-elder-color-text, light-dark(#000000, #ffffff));
    --_color-text-muted: var(--zheli-elder-color-text-muted, light-dark(#2b2b2b, #e6e6e6));
    --_color-surface: var(--zheli-elder-color-surface, light-dark(#ffffff, #000000));
    --_color-surface-raised: var(--zheli-elder-color-surface-raised, light-dark(#ffffff, #000000));
    --_color-border: var(--zheli-elder-color-border, light-dark(#2b2b2b, #e6e6e6));
    --_color-success: var(--zheli-elder-color-success, light-dark(#0a4a29, #b5f0cc));
    --_color-success-surface: var(--zheli-elder-color-success-surface, light-dark(#ffffff, #000000));
    --_color-danger: var(--zheli-elder-color-danger, light-dark(#7a1410, #ffc9c6));
    --_font-size-body: max(18px, var(--zheli-elder-font-size-body, 20px));
    --_font-size-small: max(18px, var(--zheli-elder-font-size-small, 18px));
    --_font-size-title: max(22px, var(--zheli-elder-font-size-title, 24px));
    --_target-size: max(48px, var(--zheli-elder-size-target, 48px));
  }

  .base *,
  .base *::before,
  .base *::after {
    box-sizing: inherit;
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
    color: var(--_color-text);
  }

  .message.error {
    color: var(--_color-danger);
  }

  @media (prefers-reduced-motion: no-preference) {
    .skeleton {
      animation: zheli-pulse 1.4s ease-in-out infinite;
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
`;
