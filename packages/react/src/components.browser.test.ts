// Every generated component rendered by React 19 in Chromium: the custom element is created and
// registered, props reach its properties, reflected properties show as attributes, and every
// event callback fires. The elements to check come from the same manifest the generator reads,
// so an element that gained no component fails here.
import { ZheliBookEvent } from '@zheli/elements';
import manifest from '@zheli/elements/custom-elements.json' with { type: 'json' };
import { act, type ComponentType, createElement, createRef } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
// The elements' own test data, so the two packages' tests share one fixture (not published).
import { service as fakeService } from '../../elements/test/fake-data.js';
import { components, ZheliConfig, ZheliQrCode, ZheliServiceCard } from './index.js';

interface Attribute {
  name: string;
  fieldName?: string;
  type?: { text: string };
}
interface Member {
  kind: string;
  name: string;
  reflects?: boolean;
}
interface Declaration {
  name: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: Attribute[];
  members?: Member[];
  events?: { name?: string }[];
}

const declarations = (manifest.modules as { declarations?: Declaration[] }[])
  .flatMap((module) => module.declarations ?? [])
  .filter((declaration) => declaration.customElement && declaration.tagName);

/** Values of the elements' named types, for types the manifest only names. */
const named: Record<string, unknown> = {
  Mode: 'elder',
  QrCodeKind: 'venue',
  CodeStatus: 'yellow',
  CorrectionLevel: 'Q',
};

/** A value of the attribute's type that differs from its default, or undefined when unknown. */
function sample(attribute: Attribute): unknown {
  const type = (attribute.type?.text ?? '').replace(/\s*\|\s*undefined$/, '');
  if (type === 'boolean') return true;
  if (type === 'number') return 7;
  const literals = [...type.matchAll(/'([^']*)'/g)].map((match) => match[1]);
  if (literals.length > 0) return literals.at(-1);
  if (type === 'string') {
    return /url|uri|authority|logo/.test(attribute.name)
      ? `https://example.invalid/${attribute.name}`
      : `sample-${attribute.name}`;
  }
  return named[type];
}

const service = fakeService();

let root: Root | undefined;
let container: HTMLElement | undefined;

beforeAll(() => {
  Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });
});

afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
  root = undefined;
});

function render(node: Parameters<Root['render']>[0]): HTMLElement {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  act(() => root?.render(node));
  return container;
}

type Lit = HTMLElement & { updateComplete: Promise<boolean> } & Record<string, unknown>;
type AnyComponent = ComponentType<Record<string, unknown>>;

describe('@zheli/react', () => {
  it('has one component for every element of the manifest', async () => {
    const exported = await import('./index.js');
    const tags = declarations.map((declaration) => declaration.tagName).sort();
    expect(components.map((component) => component.tagName).sort()).toEqual(tags);
    for (const declaration of declarations) {
      expect(exported).toHaveProperty(declaration.name);
    }
    expect(tags.length).toBeGreaterThanOrEqual(6);
  });

  for (const declaration of declarations) {
    const tagName = declaration.tagName as string;
    const entry = components.find((component) => component.tagName === tagName);

    describe(`<${tagName}> as ${declaration.name}`, () => {
      it('creates the registered element, sets props as properties and reflects attributes', async () => {
        const Component = ((await import('./index.js')) as unknown as Record<string, AnyComponent>)[
          declaration.name
        ];
        expect(Component, declaration.name).toBeDefined();
        const props: Record<string, unknown> = {};
        const attributeOf = new Map<string, Attribute>();
        for (const attribute of declaration.attributes ?? []) {
          const value = sample(attribute);
          if (!attribute.fieldName || value === undefined) continue;
          props[attribute.fieldName] = value;
          attributeOf.set(attribute.fieldName, attribute);
        }
        expect(Object.keys(props).length).toBeGreaterThan(0);
        const ref = createRef<HTMLElement>();
        const host = render(createElement(Component as AnyComponent, { ...props, ref }));
        const element = host.querySelector(tagName) as Lit;
        expect(element).not.toBeNull();
        expect(element).toBeInstanceOf(customElements.get(tagName) as CustomElementConstructor);
        expect(ref.current).toBe(element);
        await element.updateComplete;
        for (const [field, value] of Object.entries(props)) {
          expect(element[field], field).toBe(value);
          const reflects = declaration.members?.find((member) => member.name === field)?.reflects;
          const attribute = attributeOf.get(field);
          if (reflects && attribute) {
            expect(element.getAttribute(attribute.name), attribute.name).toBe(
              value === true ? '' : String(value),
            );
          }
        }
      });

      it('calls each event callback with the event, and the latest callback after a re-render', async () => {
        const Component = ((await import('./index.js')) as unknown as Record<string, AnyComponent>)[
          declaration.name
        ];
        const names = [
          ...new Set((declaration.events ?? []).map((event) => event.name).filter(Boolean)),
        ];
        expect(Object.values(entry?.events ?? {}).sort()).toEqual(names.sort());
        const first: Record<string, ReturnType<typeof vi.fn>> = {};
        const second: Record<string, ReturnType<typeof vi.fn>> = {};
        for (const callback of Object.keys(entry?.events ?? {})) {
          first[callback] = vi.fn();
          second[callback] = vi.fn();
        }
        const host = render(createElement(Component as AnyComponent, first));
        const element = host.querySelector(tagName) as Lit;
        for (const [callback, name] of Object.entries(entry?.events ?? {}) as [string, string][]) {
          const spy = first[callback] as ReturnType<typeof vi.fn>;
          const before = spy.mock.calls.length;
          const event = new Event(name, { bubbles: true, composed: true });
          element.dispatchEvent(event);
          expect(spy.mock.calls.length, callback).toBe(before + 1);
          expect(spy).toHaveBeenLastCalledWith(event);
        }
        act(() => root?.render(createElement(Component as AnyComponent, second)));
        for (const [callback, name] of Object.entries(entry?.events ?? {}) as [string, string][]) {
          const old = first[callback] as ReturnType<typeof vi.fn>;
          const before = old.mock.calls.length;
          const event = new Event(name, { bubbles: true, composed: true });
          element.dispatchEvent(event);
          expect(second[callback]).toHaveBeenLastCalledWith(event);
          expect(old.mock.calls.length, callback).toBe(before);
        }
      });
    });
  }

  describe('with real elements', () => {
    it('renders a service card from an object prop and hands the book click to onZheliBook', async () => {
      const onZheliBook = vi.fn((event: ZheliBookEvent) => event.preventDefault());
      const host = render(createElement(ZheliServiceCard, { service, onZheliBook }));
      const card = host.querySelector('zheli-service-card') as unknown as Lit;
      await card.updateComplete;
      const name = card.shadowRoot?.querySelector('[part~="name"]');
      expect(name?.textContent).toContain('机动车检验预约');
      const book = card.shadowRoot?.querySelector<HTMLAnchorElement>('[part~="book"]');
      expect(book).not.toBeNull();
      book?.click();
      expect(onZheliBook).toHaveBeenCalledTimes(1);
      const event = onZheliBook.mock.calls[0]?.[0] as ZheliBookEvent;
      expect(event).toBeInstanceOf(ZheliBookEvent);
      expect(event.detail.service.id).toBe(service.id);
      expect(event.defaultPrevented).toBe(true);
    });

    it('passes children through ZheliConfig, whose locale reaches the card inside', async () => {
      const host = render(
        createElement(ZheliConfig, { locale: 'en' }, createElement(ZheliServiceCard, { service })),
      );
      const card = host.querySelector('zheli-config > zheli-service-card') as Lit;
      expect(card).not.toBeNull();
      // The English messages load as a chunk on the switch: the first time, Vite transforms it.
      await expect
        .poll(() => card.shadowRoot?.querySelector('[part~="name"]')?.textContent ?? '', {
          timeout: 15_000,
        })
        .toContain('Vehicle inspection booking');
    });

    it('draws a QR code from the value prop and updates it when the prop changes', async () => {
      const host = render(createElement(ZheliQrCode, { value: 'https://www.zjzwfw.gov.cn' }));
      const qr = host.querySelector('zheli-qr-code') as unknown as Lit;
      await qr.updateComplete;
      const path = () => qr.shadowRoot?.querySelector('svg path')?.getAttribute('d') ?? '';
      await expect.poll(path).not.toBe('');
      const before = path();
      act(() => root?.render(createElement(ZheliQrCode, { value: 'another value entirely' })));
      expect(qr.value).toBe('another value entirely');
      await expect.poll(path).not.toBe(before);
    });
  });
});
