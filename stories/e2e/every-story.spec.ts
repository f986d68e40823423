// Every story of the static Storybook, opened alone and played to its end, then checked for what
// axe cannot see: the text-spacing test of WCAG 1.4.12 (no text cut off or drawn over another
// under the bookmarklet's spacing) and forced colours (each state still shows with the system
// colours). The checks are the shared ones of scripts/page-checks.ts, which the e2e suites of the
// examples run too.
import { expect, type Page, test } from '@playwright/test';
import {
  applyTextSpacing,
  forcedColours,
  readQrCode,
  textLayout,
} from '../../scripts/page-checks.ts';

interface IndexEntry {
  id: string;
  type: 'story' | 'docs';
}

/**
 * Stories left out of a check, each with why. Listed here, in one place, so that the list
 * shrinks.
 */
const pending: Record<'textSpacing' | 'forcedColours', { match: RegExp; reason: string }[]> = {
  textSpacing: [],
  forcedColours: [],
};

const skipped = (check: keyof typeof pending, id: string) =>
  pending[check].find(({ match }) => match.test(id))?.reason;

function storybookUrl(): string {
  const url = process.env.ZHELI_STORYBOOK_URL;
  if (url === undefined) throw new Error('ZHELI_STORYBOOK_URL is not set (global setup)');
  return url;
}

// The story list is read from the static build (global setup builds it before any test file is
// loaded), so every story, and every story added later, gets a test.
const index = (await fetch(`${storybookUrl()}/index.json`).then((response) => response.json())) as {
  entries: Record<string, IndexEntry>;
};
const stories = Object.values(index.entries).filter((entry) => entry.type === 'story');

/** Opens the story alone in its frame and waits until its play function and checks are done. */
async function playStory(page: Page, id: string): Promise<void> {
  await page.goto(`${storybookUrl()}/iframe.html?id=${id}&viewMode=story`);
  const phase = await page.waitForFunction(() => {
    const { phase } =
      (window as unknown as { __STORYBOOK_PREVIEW__?: { currentRender?: { phase?: string } } })
        .__STORYBOOK_PREVIEW__?.currentRender ?? {};
    return phase !== undefined && /^(finished|errored|aborted)$/.test(phase) && phase;
  });
  expect(await phase.jsonValue()).toBe('finished');
  await nextFrames(page);
}

/** Two frames: what the last step changed is laid out (and a resize observer's answer too). */
function nextFrames(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
      ),
  );
}

// One test per story (one load, a story's play function takes seconds): forced colours first,
// as the story left the page, then the text spacing, which changes the layout for good.
for (const { id } of stories) {
  const spacing = skipped('textSpacing', id);
  const colours = skipped('forcedColours', id);
  test(`${id} shows each state in forced colours and keeps its text whole under text spacing`, async ({
    page,
  }) => {
    test.skip(spacing !== undefined && colours !== undefined, `${spacing}; ${colours}`);
    await playStory(page, id);
    if (colours === undefined) {
      // Dark, as Windows' most used high-contrast themes are: light paper turns black.
      await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
      await nextFrames(page);
      expect((await forcedColours(page)).alike, 'states alike in forced colours').toEqual([]);
      // A QR code keeps its light quiet zone and dark modules: a camera still reads it.
      for (const frame of await page.locator('zheli-qr-code [part~="frame"]').all()) {
        if (await frame.locator('[part~="code"]').isVisible()) await readQrCode(frame);
      }
      await page.emulateMedia({ forcedColors: 'none', colorScheme: null });
    }
    if (spacing === undefined) {
      await applyTextSpacing(page);
      await nextFrames(page);
      await nextFrames(page);
      const layout = await textLayout(page);
      expect(layout.clipped, 'text cut off under text spacing').toEqual([]);
      expect(layout.overlapping, 'text drawn over other text under text spacing').toEqual([]);
    }
  });
}
