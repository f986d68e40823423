import { _installMsgImplementation } from '@lit/localize/init/install.js';
import { describe, expect, it } from 'vitest';
import { appointmentViewMessages } from '../appointment-picker/view-messages.js';
import { templates as en } from '../locales/en.js';
import { templates as zhTW } from '../locales/zh-TW.js';
import { matterMessages } from '../matter/messages.js';
import { progressMessages } from '../matter/progress.js';
import { pointsMessages } from '../points/messages.js';
import { qrScanMessages } from '../qr-code/scan-verify.js';
import { recommendationMessages } from '../recommendations/messages.js';
import * as catalogue from './messages.js';

/** Every message id the source calls `msg()` with, and how many values it interpolates. */
function sourceMessages(): Map<string, number>[] {
  const seen: Map<string, number>[] = [];
  const record: Parameters<typeof _installMsgImplementation>[0] = ((template, options) => {
    const values = typeof template === 'object' && 'values' in template ? template.values : [];
    seen.push(new Map([[options?.id ?? '', values.length]]));
    return '';
  }) as Parameters<typeof _installMsgImplementation>[0];
  _installMsgImplementation(record);
  for (const [name, group] of Object.entries({
    ...catalogue,
    appointmentViewMessages,
    qrScanMessages,
    matterMessages,
    progressMessages,
    pointsMessages,
    recommendationMessages,
  })) {
    if (!name.endsWith('Messages')) continue;
    for (const [key, message] of Object.entries(
      group as Record<string, (...a: string[]) => string>,
    )) {
      if (name === 'catalogMessages' && key === 'category') {
        for (const id of catalogue.categoryIds) message(id);
      } else {
        message(...Array.from({ length: message.length }, (_, index) => `v${index}`));
      }
    }
  }
  return seen;
}

function placeholders(value: string | { strings: readonly string[] }): number {
  return typeof value === 'string' ? 0 : value.strings.length - 1;
}

describe('the message catalogue', () => {
  const used = sourceMessages();
  const ids = used.flatMap((entry) => [...entry.keys()]);

  it('uses every declared id exactly once in the source messages', () => {
    expect([...ids].sort()).toEqual([...catalogue.messageIds].sort());
  });

  it.each([
    ['zh-TW', zhTW],
    ['en', en],
  ] as const)(
    'translates every id into %s with as many placeholders as the source',
    (_locale, templates) => {
      expect(Object.keys(templates).sort()).toEqual([...catalogue.messageIds].sort());
      for (const entry of used) {
        for (const [id, count] of entry) {
          expect(placeholders(templates[id as catalogue.MessageId]), id).toBe(count);
        }
      }
    },
  );
});
