import { css } from 'lit';

/**
 * What the elements whose form is submitted once share (the evaluation, the matter): the answers
 * read back as a `<dl class="summary">`, a choice (a label around its radio or checkbox), the
 * error text, and the submit button while it is busy.
 */
export const form = css`
  .choice {
    display: inline-flex;
    align-items: center;
    gap: var(--_space-xs);
    min-block-size: var(--_target-size);
    cursor: pointer;
  }

  .summary {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: var(--_space-xs) var(--_space-m);
    margin: 0;
  }

  .summary dt {
    color: var(--_color-text-muted);
  }

  .summary dd {
    margin: 0;
  }

  .error {
    color: var(--_color-danger);
    font-weight: 600;
  }

  .button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.8;
  }
`;
