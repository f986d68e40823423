import { ContextProvider } from '@lit/context';
import axe from 'axe-core';
import { render, type TemplateResult } from 'lit';
import { configContext, type ZheliConfiguration } from '../src/internal/config.js';
import { setLocale } from '../src/internal/locale-switch.js';
import type { Locale } from '../src/internal/localize.js';

const mounted: HTMLElement[] = [];

/**
 * Renders `template` into a fresh container on the page, configured with `configuration` through
 * the same context `<zheli-config>` uses (none when `undefined`). Call `cleanup()` after each test.
 */
export async function fixture<E extends Element>(
  template: TemplateResult,
  configuration?: ZheliConfiguration,
): Promise<E> {
  const container = document.createElement('div');
  if (configuration !== undefined) {
    const provider = new ContextProvider(container, {
      context: configContext,
      initialValue: configuration,
    });
    provider.hostConnected();
  }
  document.body.append(container);
  mounted.push(container);
  render(template, container);
  const element = container.firstElementChild as E | null;
  if (element === null) throw new Error('The template rendered no element');
  await (element as Element & { updateComplete?: Promise<unknown> }).updateComplete;
  return element;
}

export async function cleanup(): Promise<void> {
  for (const container of mounted.splice(0)) container.remove();
  await setLocale('zh-CN');
}

/** The text a person sees (shadow DOM included), whitespace collapsed. */
export function textOf(element: Element): string {
  const root = element.shadowRoot ?? element;
  return (root.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function part<E extends Element = HTMLElement>(element: Element, name: string): E {
  const found = element.shadowRoot?.querySelector<E>(`[part~="${name}"]`);
  if (found == null) throw new Error(`No part "${name}" in <${element.localName}>`);
  return found;
}

export function parts(element: Element, name: string): Element[] {
  return [...(element.shadowRoot?.querySelectorAll(`[part~="${name}"]`) ?? [])];
}

/**
 * The axe violations of `element` under WCAG 2.2 A and AA; with `enhanced`, also the AAA
 * contrast rule (7:1) elder mode promises.
 */
export async function axeViolations(element: Element, enhanced = false): Promise<string[]> {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
  const result = await axe.run(element, {
    runOnly: { type: 'tag', values: enhanced ? [...tags, 'wcag2aaa'] : tags },
    resultTypes: ['violations'],
  });
  return result.violations.map(
    (violation) =>
      `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

export async function useLocale(locale: Locale): Promise<void> {
  await setLocale(locale);
}
