// Type tests of the generated framework typings (checked by `tsc --noEmit`, after a build), and
// a runtime check that they cover every element of the manifest.
import { readFile } from 'node:fs/promises';
import type { JSX } from 'react';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { GlobalComponents } from 'vue';
import type {} from '../dist/frameworks/react.js';
import type {} from '../dist/frameworks/vue.js';
import type { ZheliApplyEvent, ZheliRegionChangeEvent } from '../src/index.js';

type Card = JSX.IntrinsicElements['zheli-service-card'];
type Picker = JSX.IntrinsicElements['zheli-region-picker'];
type VueCard = InstanceType<GlobalComponents['zheli-service-card']>['$props'];

describe('generated framework typings', () => {
  it('type React 19 props and event handlers from the manifest', () => {
    expectTypeOf<Card['serviceId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Card['variant']>().toEqualTypeOf<'full' | 'compact' | undefined>();
    expectTypeOf<NonNullable<Card['onzheli-apply']>>()
      .parameter(0)
      .toEqualTypeOf<ZheliApplyEvent>();
    expectTypeOf<NonNullable<Picker['onzheli-region-change']>>()
      .parameter(0)
      .toEqualTypeOf<ZheliRegionChangeEvent>();
    // @ts-expect-error: not a property of the card
    expectTypeOf<Card['serviceID']>();
  });

  it('type Vue GlobalComponents props and events from the manifest', () => {
    expectTypeOf<VueCard['serviceId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<NonNullable<VueCard['onZheliBook']>>().parameter(0).toHaveProperty('detail');
  });

  it('cover every element of the manifest', async () => {
    const react = await readFile(new URL('../dist/frameworks/react.d.ts', import.meta.url), 'utf8');
    const vue = await readFile(new URL('../dist/frameworks/vue.d.ts', import.meta.url), 'utf8');
    for (const tag of [
      'zheli-config',
      'zheli-login-button',
      'zheli-region-picker',
      'zheli-service-card',
      'zheli-service-catalog',
    ]) {
      expect(react).toContain(`'${tag}': Props<`);
      expect(vue).toContain(`'${tag}': new () =>`);
    }
  });
});
