import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A form-associated element (`static formAssociated = true`) with the usual field properties. */
export interface FormControlHost extends ReactiveControllerHost, HTMLElement {
  disabled: boolean;
  required: boolean;
}

/** What the element tells its form control. */
export interface FormControlOptions {
  /** The value submitted under the element's `name`; `null` for none (then `required` fails). */
  value(): string | null;
  /** The state back/forward navigation and autofill give back to `restore`; the value by default. */
  state?(): string | null;
  /** The message a browser shows when `required` and there is no value. */
  required(): string;
  /** The control the browser points its message at. */
  anchor?(): HTMLElement | undefined;
  /** Back to a state the browser gives back (`formStateRestoreCallback`). */
  restore?(state: unknown, mode?: 'restore' | 'autocomplete'): void;
}

/**
 * The form side of a form-associated element, for any that needs one (as Shoelace's
 * `internal/form.ts` serves its controls): the value and state in the form after every update,
 * `required` as `valueMissing`, the validity API, and disabled by the property or a disabled
 * `<fieldset>` around. The element keeps the callbacks the platform calls on it
 * (`formDisabledCallback`, `formStateRestoreCallback`) and hands them here.
 */
export class FormControlController implements ReactiveController {
  private host: FormControlHost;
  private options: FormControlOptions;
  private internals: ElementInternals;

  constructor(host: FormControlHost, options: FormControlOptions) {
    this.host = host;
    this.options = options;
    this.internals = host.attachInternals();
    host.addController(this);
  }

  hostUpdated(): void {
    const { internals, options } = this;
    const value = options.value();
    internals.setFormValue(value, options.state === undefined ? value : options.state());
    if (this.host.required && value === null)
      internals.setValidity({ valueMissing: true }, options.required(), options.anchor?.());
    else internals.setValidity({});
  }

  /**
   * Disabled by the element's own property, or by a disabled `<fieldset>` around it (which the
   * platform tells `formDisabledCallback`). The property counts at once: it is reflected only
   * after the render.
   */
  get disabled(): boolean {
    return this.host.disabled || this.host.matches(':disabled');
  }

  /** The form the element belongs to. */
  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  get validity(): ValidityState {
    return this.internals.validity;
  }

  get validationMessage(): string {
    return this.internals.validationMessage;
  }

  checkValidity(): boolean {
    return this.internals.checkValidity();
  }

  reportValidity(): boolean {
    return this.internals.reportValidity();
  }

  /** From `formDisabledCallback`: renders again, as `disabled` now reads otherwise. */
  disabledChanged(): void {
    this.host.requestUpdate();
  }

  /** From `formStateRestoreCallback`: hands the state to `restore`. */
  restoreState(state: unknown, mode?: 'restore' | 'autocomplete'): void {
    this.options.restore?.(state, mode);
  }
}
