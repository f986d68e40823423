import { HttpResponse } from 'msw';
import { expect, spyOn, waitFor } from 'storybook/test';
import preview from '../.storybook/preview.js';
import {
  dark,
  elder,
  english,
  find,
  narrow,
  part,
  signedIn,
  signedOut,
  textOf,
  traditional,
  withHandlers,
} from './helpers.js';
import { handle, outage, pending, signedCode } from './mocks/api.js';
import { anjiInspectionSite } from './mocks/seed.js';

const meta = preview.meta({
  title: 'Elements/QR code',
  component: 'zheli-qr-code',
  args: { value: 'https://www.zjzwfw.gov.cn', label: '浙里办网址' },
});

/** Any text: the portal's address. */
export const Default = meta.story({});

/** QA's flow: copy the code's content; the result is announced in a live region. */
export const CopyContent = meta.story({
  args: { value: '浙里办 安吉县机动车检测站 预约凭证 apt-7Hq2KfX9', label: '预约凭证' },
  async play({ canvasElement, userEvent }) {
    const qr = find(canvasElement, 'zheli-qr-code');
    const writes: string[] = [];
    spyOn(navigator.clipboard, 'writeText').mockImplementation(async (text) => {
      writes.push(text);
    });
    await userEvent.click(part(qr, 'copy-button'));
    await waitFor(() => expect(textOf(part(qr, 'copy-status'))).toBe('已复制到剪贴板'));
    expect(writes).toEqual(['浙里办 安吉县机动车检测站 预约凭证 apt-7Hq2KfX9']);
    expect(part(qr, 'copy-status').getAttribute('role')).toBe('status');
  },
});

/** The person's service code, signed in as the Anji car owner: refreshes itself, with a countdown. */
export const PersonalSignedIn = meta.story({
  ...signedIn,
  args: { value: undefined, label: undefined, kind: 'personal' },
  async play({ canvasElement }) {
    const qr = find(canvasElement, 'zheli-qr-code');
    await waitFor(() => expect(textOf(part(qr, 'status'))).toContain('绿码'));
  },
});

/** Signed out, the personal code asks to sign in first; signing in shows the code. */
export const PersonalSignedOut = meta.story({
  ...signedOut,
  args: { value: undefined, label: undefined, kind: 'personal' },
  async play({ canvasElement, userEvent }) {
    const qr = find(canvasElement, 'zheli-qr-code');
    const signIn = await waitFor(() => part(qr, 'button'));
    await userEvent.click(signIn);
    await waitFor(() => expect(textOf(part(qr, 'status'))).toContain('绿码'), { timeout: 3000 });
  },
});

/** The venue code (场所码) of the Dipu inspection station in Anji. */
export const VenueCode = meta.story({
  args: { value: undefined, label: undefined, kind: 'venue', siteId: anjiInspectionSite },
});

/** An appointment ticket (预约凭证) for the Anji vehicle inspection, fetched signed in. */
export const AppointmentTicket = meta.story({
  ...signedIn,
  args: { value: undefined, label: undefined, kind: 'appointment', appointmentId: 'apt-7Hq2KfX9' },
});

export const YellowCode = meta.story({
  ...signedIn,
  ...withHandlers(
    handle('post', '/v1/codes', () =>
      HttpResponse.json(signedCode('personal', 'p-anji-driver', { status: 'yellow' }), {
        status: 201,
      }),
    ),
  ),
  args: { value: undefined, label: undefined, kind: 'personal' },
});

export const RedCode = meta.story({
  ...signedIn,
  ...withHandlers(
    handle('post', '/v1/codes', () =>
      HttpResponse.json(signedCode('personal', 'p-anji-driver', { status: 'red' }), {
        status: 201,
      }),
    ),
  ),
  args: { value: undefined, label: undefined, kind: 'personal' },
});

export const Loading = meta.story({
  ...withHandlers(pending('get', '/v1/sites/{siteId}/code')),
  args: { value: undefined, label: undefined, kind: 'venue', siteId: anjiInspectionSite },
});

/** Without content the element says what it needs. */
export const Empty = meta.story({ args: { value: undefined, label: undefined } });

const codeOutage = outage('get', '/v1/sites/{siteId}/code');
/** The first fetch fails (503); the retry button fetches again. */
export const ErrorWithRetry = meta.story({
  beforeEach({ msw }) {
    msw.use(codeOutage.start());
  },
  args: { value: undefined, label: undefined, kind: 'venue', siteId: anjiInspectionSite },
  async play({ canvasElement, userEvent }) {
    const qr = find(canvasElement, 'zheli-qr-code');
    await waitFor(() => expect(part(qr, 'message').getAttribute('role')).toBe('alert'));
    codeOutage.end();
    await userEvent.click(part(qr, 'button'));
    await waitFor(() => expect(textOf(part(qr, 'status'))).toContain('绿码'));
  },
});

export const LongChineseText = meta.story({
  args: {
    value:
      '浙江省湖州市安吉县递铺街道天目路88号安吉县机动车检测站（递铺）机动车安全技术检验预约凭证：预约时段2026年11月24日上午9:00至9:30，请携带机动车行驶证及车辆钥匙按时到站，逾期未到视为自动取消。',
    label: '安吉县机动车检测站（递铺）机动车安全技术检验预约凭证',
  },
});

export const ElderMode = meta.story({
  ...elder,
  ...signedIn,
  args: { kind: 'personal', value: undefined },
});
export const DarkTheme = meta.story({
  ...dark,
  ...signedIn,
  args: { kind: 'personal', value: undefined },
});
export const English = meta.story({
  ...english,
  ...signedIn,
  args: { kind: 'personal', value: undefined },
});
export const TraditionalChinese = meta.story({
  ...traditional,
  ...signedIn,
  args: { kind: 'personal', value: undefined },
});
export const NarrowPhone = meta.story({
  ...narrow,
  args: { kind: 'venue', siteId: anjiInspectionSite, value: undefined },
});
