import { html, LitElement } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { FormControlController } from './form-control.js';

/** The smallest form-associated element on the controller: a value, a state, a restore hook. */
class TestField extends LitElement {
  static formAssociated = true;
  static override properties = {
    value: { attribute: false },
    disabled: { type: Boolean },
    required: { type: Boolean },
  };

  declare value: string | null;
  declare disabled: boolean;
  declare required: boolean;
  restored: unknown[] = [];
  control = new FormControlController(this, {
    value: () => this.value,
    state: () => (this.value === null ? null : `state:${this.value}`),
    required: () => '请选择一项',
    anchor: () => this.shadowRoot?.querySelector('button') ?? undefined,
    restore: (state, mode) => this.restored.push([state, mode]),
  });

  constructor() {
    super();
    this.value = null;
    this.disabled = false;
    this.required = false;
  }

  formDisabledCallback(): void {
    this.control.disabledChanged();
  }

  formStateRestoreCallback(state: unknown, mode?: 'restore' | 'autocomplete'): void {
    this.control.restoreState(state, mode);
  }

  override render() {
    return html`<button type="button" ?disabled=${this.control.disabled}>选择</button>`;
  }
}
customElements.define('test-form-field', TestField);

async function inForm(required = false): Promise<{ form: HTMLFormElement; field: TestField }> {
  const form = document.createElement('form');
  form.innerHTML = `<fieldset><test-form-field name="slot"></test-form-field></fieldset>`;
  document.body.append(form);
  const field = form.querySelector('test-form-field') as TestField;
  field.required = required;
  await field.updateComplete;
  return { form, field };
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('FormControlController', () => {
  it('submits the value under the element’s name after each update, and nothing without one', async () => {
    const { form, field } = await inForm();
    expect(new FormData(form).has('slot')).toBe(false);
    field.value = 'slot-1';
    await field.updateComplete;
    expect(new FormData(form).get('slot')).toBe('slot-1');
    expect(field.control.form).toBe(form);
  });

  it('is invalid while required and empty, with its message, and valid once it has a value', async () => {
    const { field } = await inForm(true);
    const invalid: Event[] = [];
    field.addEventListener('invalid', (event) => invalid.push(event));
    expect(field.control.validity.valueMissing).toBe(true);
    expect(field.control.validationMessage).toBe('请选择一项');
    expect(field.control.checkValidity()).toBe(false);
    expect(invalid).toHaveLength(1);
    field.value = 'slot-1';
    await field.updateComplete;
    expect(field.control.validity.valid).toBe(true);
    expect(field.control.reportValidity()).toBe(true);
  });

  it('is disabled by its own property or a disabled fieldset, and renders again when that changes', async () => {
    const { form, field } = await inForm();
    const button = (): HTMLButtonElement | null | undefined =>
      field.shadowRoot?.querySelector('button');
    expect(field.control.disabled).toBe(false);
    form.querySelector('fieldset')?.setAttribute('disabled', '');
    await field.updateComplete;
    expect(field.control.disabled).toBe(true);
    expect(button()?.disabled).toBe(true);
    form.querySelector('fieldset')?.removeAttribute('disabled');
    await field.updateComplete;
    expect(button()?.disabled).toBe(false);
    field.disabled = true;
    await field.updateComplete;
    expect(field.control.disabled).toBe(true);
  });

  it('hands a state the browser gives back to the element’s restore hook', async () => {
    const { field } = await inForm();
    field.formStateRestoreCallback('state:slot-1', 'restore');
    expect(field.restored).toEqual([['state:slot-1', 'restore']]);
  });
});
