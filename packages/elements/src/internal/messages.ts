// Longer than 400 lines because it is data: the source (zh-CN) strings of every element, one
// table per element; the other locales are in locales/.
// The modules themselves rather than the package's index, which would also pull in the runtime
// (loaded only when the locale changes, see localize.ts).
import { msg } from '@lit/localize/init/install.js';
import { str } from '@lit/localize/internal/str-tag.js';
import type { Schemas } from '@zheli/contract';

/**
 * Every string the elements show, in Simplified Chinese (the source locale). `locales/zh-TW.ts`
 * and `locales/en.ts` translate each id; their type makes a missing or extra id a compile error.
 * Call these at render time so a locale change re-renders them. They are grouped per element
 * so a bundle carries only the strings of the elements it includes.
 */
export const messageIds = [
  'not-configured',
  'retry',
  'load-failed',
  'card-loading',
  'card-not-found',
  'card-no-service',
  'badge-fully-online',
  'badge-zero-visits',
  'badge-visit-once',
  'promised-label',
  'promised-on-the-spot',
  'promised-days',
  'fee-label',
  'fee-free',
  'rating-label',
  'rating-none',
  'rating',
  'department-label',
  'apply',
  'book',
  'region-label',
  'region-placeholder',
  'region-up',
  'region-whole',
  'region-loading',
  'catalog-search-label',
  'catalog-search-placeholder',
  'catalog-category',
  'catalog-category-all',
  'catalog-audience',
  'catalog-audience-all',
  'audience-person',
  'audience-enterprise',
  'catalog-sort',
  'sort-relevance',
  'sort-popularity',
  'sort-rating',
  'sort-name',
  'catalog-label',
  'catalog-loading',
  'catalog-empty',
  'catalog-count',
  'catalog-loading-more',
  'catalog-skip',
  'catalog-end',
  'catalog-list-help',
  'login-sign-in',
  'login-sign-out',
  'login-signed-in-as',
  'login-signing-in',
  'login-no-auth',
  'login-failed',
  'login-expired',
  'qr-label-value',
  'qr-label-personal',
  'qr-label-venue',
  'qr-label-appointment',
  'qr-image-label',
  'qr-status-green',
  'qr-status-yellow',
  'qr-status-red',
  'qr-loading',
  'qr-refresh-in',
  'qr-expired',
  'qr-refresh',
  'qr-copy',
  'qr-copied',
  'qr-copy-failed',
  'qr-show-payload',
  'qr-signed-out',
  'qr-no-value',
  'qr-too-long',
  'qr-scan-verify',
  'qr-scan-verifying',
  'qr-scan-valid',
  'qr-scan-invalid',
  'qr-scan-cancelled',
  'qr-scan-failed',
  'eval-loading',
  'eval-no-case',
  'eval-signed-out',
  'eval-not-found',
  'eval-not-handled',
  'eval-case-number',
  'eval-handled-at',
  'eval-level-legend',
  'eval-level-required',
  'eval-tags-legend',
  'eval-comment-label',
  'eval-comment-count',
  'eval-submit',
  'eval-submitting',
  'eval-submit-failed',
  'eval-rejected',
  'eval-thanks',
  'eval-thanks-detail',
  'eval-rated',
  'eval-your-level',
  'eval-your-tags',
  'eval-your-comment',
  'eval-rated-at',
  'eval-none',
  'rec-heading',
  'rec-loading',
  'rec-signed-out',
  'rec-empty',
  'rec-reason',
  'rec-due',
  'rec-kind-policy',
  'rec-kind-service',
  'rec-kind-bundle',
  'rec-kind-reminder',
  'rec-apply',
  'rec-book',
  'rec-view',
  'rec-start-bundle',
  'category-childcare',
  'category-education',
  'category-employment',
  'category-social_insurance',
  'category-medical',
  'category-elderly_care',
  'category-housing',
  'category-social_assistance',
  'category-transport',
  'category-public_security',
  'category-civil_affairs',
  'category-real_estate',
  'category-enterprise',
  'category-tax',
  'category-utilities',
  'category-agriculture',
  'appt-no-service',
  'appt-loading',
  'appt-site-heading',
  'appt-sites-empty',
  'appt-change-site',
  'appt-date-heading',
  'appt-prev-month',
  'appt-next-month',
  'appt-reason-closed',
  'appt-reason-full',
  'appt-reason-past',
  'appt-reason-holiday',
  'appt-reason-outside',
  'appt-reason-full-short',
  'appt-reason-closed-short',
  'appt-reason-holiday-short',
  'appt-day-available',
  'appt-today',
  'appt-time-zone',
  'appt-slots-heading',
  'appt-no-slots',
  'appt-slot-remaining',
  'appt-slot-full',
  'appt-slot-details',
  'appt-details',
  'appt-details-capacity',
  'appt-close',
  'appt-confirm-heading',
  'appt-service',
  'appt-site',
  'appt-time',
  'appt-reference',
  'appt-confirm',
  'appt-confirm-reschedule',
  'appt-booking',
  'appt-back',
  'appt-sign-in-prompt',
  'appt-sign-in',
  'appt-slot-taken',
  'appt-book-failed',
  'appt-booked-heading',
  'appt-ticket-hint',
  'appt-add-calendar',
  'appt-reschedule',
  'appt-rescheduling',
  'appt-keep-time',
  'appt-reschedule-kept',
  'appt-cancel',
  'appt-cancel-question',
  'appt-cancel-yes',
  'appt-cancel-no',
  'appt-cancel-failed',
  'appt-cancelled',
  'appt-book-again',
  'appt-announce-day',
  'appt-announce-selected',
  'appt-required',
  'appt-slot-gone',
  'appt-exists',
  'appt-existing',
  'appt-view-existing',
  'appt-other-day',
  'appt-scope',
  'appt-sign-in-again',
  'appt-session-ended',
  'appt-locked',
  'appt-gone',
] as const;

/** The id of a message. */
export type MessageId = (typeof messageIds)[number];

/** A translation: plain text, or a `str` template whose `${0}`, `${1}` are the source's values. */
export type Translations = Record<MessageId, string | ReturnType<typeof str>>;

type Source = string | ((...values: string[]) => ReturnType<typeof str>);
type Group<T> = {
  [K in keyof T]: T[K] extends (...values: infer A) => unknown
    ? (...values: A) => string
    : () => string;
};

/**
 * A group of messages from their source texts: each becomes `(...values) => msg(text, { id })`
 * with the id spelled from its key (`badgeFullyOnline` → `badge-fully-online`), so an element's
 * bundle carries each id once and no call per message. A group kept apart from this module (see
 * `appointment-picker/problem-messages.ts`) loads with the code that shows it.
 */
export function group<T extends Record<string, Source>>(source: T): Group<T> {
  const messages: Record<string, (...values: string[]) => string> = {};
  for (const [key, text] of Object.entries(source)) {
    const id = key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
    messages[key] = (...values) =>
      msg(typeof text === 'string' ? text : text(...values), { id }) as string;
  }
  return messages as Group<T>;
}

/** Messages every element shows. */
export const commonMessages = /* @__PURE__ */ group({
  notConfigured: '未配置数据来源：请放在 <zheli-config base-url="…"> 之内，或调用 configure()。',
  retry: '重试',
  loadFailed: '加载失败，请检查网络后重试。',
});

/** `<zheli-service-card>`'s messages. */
export const cardMessages = /* @__PURE__ */ group({
  cardLoading: '正在加载服务…',
  cardNotFound: (id: string) => str`未找到该服务（${id}）。`,
  cardNoService: '未指定服务：请设置 service-id。',
  badgeFullyOnline: '全程网办',
  badgeZeroVisits: '跑零次',
  badgeVisitOnce: '最多跑一次',
  promisedLabel: '承诺时限',
  promisedOnTheSpot: '即办',
  promisedDays: (days: string) => str`${days} 个工作日`,
  feeLabel: '收费',
  feeFree: '免费',
  ratingLabel: '评价',
  ratingNone: '暂无评价',
  rating: (score: string, count: string) => str`${score} 分（${count} 条评价）`,
  departmentLabel: '办理部门',
  apply: '在线办理',
  book: '预约',
});

/** `<zheli-region-picker>`'s messages. */
export const regionMessages = /* @__PURE__ */ group({
  regionLabel: '所在地区',
  regionPlaceholder: '请选择地区',
  regionUp: (name: string) => str`返回上一级（${name}）`,
  regionWhole: (name: string) => str`整个${name}`,
  regionLoading: '正在加载地区…',
});

/** `<zheli-service-catalog>`'s messages. */
export const catalogMessages = {
  catalogSearchLabel: () => msg('搜索服务', { id: 'catalog-search-label' }),
  catalogSearchPlaceholder: () => msg('输入事项名称或关键词', { id: 'catalog-search-placeholder' }),
  catalogCategory: () => msg('分类', { id: 'catalog-category' }),
  catalogCategoryAll: () => msg('全部分类', { id: 'catalog-category-all' }),
  catalogAudience: () => msg('服务对象', { id: 'catalog-audience' }),
  catalogAudienceAll: () => msg('全部对象', { id: 'catalog-audience-all' }),
  audiencePerson: () => msg('个人', { id: 'audience-person' }),
  audienceEnterprise: () => msg('法人', { id: 'audience-enterprise' }),
  catalogSort: () => msg('排序', { id: 'catalog-sort' }),
  sortRelevance: () => msg('相关度', { id: 'sort-relevance' }),
  sortPopularity: () => msg('热度', { id: 'sort-popularity' }),
  sortRating: () => msg('好评', { id: 'sort-rating' }),
  sortName: () => msg('名称', { id: 'sort-name' }),
  catalogLabel: () => msg('政务服务事项', { id: 'catalog-label' }),
  catalogLoading: () => msg('正在加载服务…', { id: 'catalog-loading' }),
  catalogEmpty: () => msg('没有符合条件的服务，请换个关键词或筛选条件。', { id: 'catalog-empty' }),
  catalogCount: (total: string) => msg(str`共 ${total} 项服务`, { id: 'catalog-count' }),
  catalogLoadingMore: () => msg('正在加载更多…', { id: 'catalog-loading-more' }),
  catalogSkip: () => msg('跳过服务列表', { id: 'catalog-skip' }),
  catalogEnd: () => msg('服务列表结束', { id: 'catalog-end' }),
  catalogListHelp: () =>
    msg('列表随滚动加载，页面查找只能找到已显示的服务；要找某项服务，请用上方的搜索框。', {
      id: 'catalog-list-help',
    }),
  category: (id: Schemas['CategoryId']) => categoryNames[id](),
};

/** `<zheli-login-button>`'s messages. */
export const loginMessages = {
  loginSignIn: () => msg('登录', { id: 'login-sign-in' }),
  loginSignOut: () => msg('退出登录', { id: 'login-sign-out' }),
  loginSignedInAs: (name: string) => msg(str`已登录：${name}`, { id: 'login-signed-in-as' }),
  loginSigningIn: () => msg('正在登录…', { id: 'login-signing-in' }),
  loginNoAuth: () =>
    msg(
      '登录尚未配置：请在 <zheli-config> 上设置 authority 和 client-id，或调用 configure({ auth })。',
      { id: 'login-no-auth' },
    ),
  loginFailed: () => msg('登录未完成，请重试。', { id: 'login-failed' }),
  loginExpired: () => msg('登录已过期，请重新登录。', { id: 'login-expired' }),
};

/** `<zheli-qr-code>`'s messages. */
export const qrMessages = /* @__PURE__ */ group({
  qrLabelValue: '二维码',
  qrLabelPersonal: '个人服务码',
  qrLabelVenue: '场所码',
  qrLabelAppointment: '预约凭证',
  qrImageLabel: (label: string, status: string) => str`${label}（${status}）`,
  qrStatusGreen: '绿码：有效',
  qrStatusYellow: '黄码：请注意',
  qrStatusRed: '红码：不予通行',
  qrLoading: '正在获取二维码…',
  qrRefreshIn: (seconds: string) => str`${seconds} 秒后自动刷新`,
  qrExpired: '二维码已过期，请刷新。',
  qrRefresh: '刷新二维码',
  qrCopy: '复制二维码内容',
  qrCopied: '已复制到剪贴板',
  qrCopyFailed: '无法复制，请在下方手动选择文本。',
  qrShowPayload: '查看二维码内容',
  qrSignedOut: '登录后才能显示个人服务码。',
  qrNoValue: '未指定二维码内容：请设置 value 或 kind。',
  qrTooLong: '内容过长，无法生成二维码。',
});

/** `<zheli-qr-code>`'s scan to verify (inside the platform's app), loaded with it. */
export const qrScanMessages = /* @__PURE__ */ group({
  qrScanVerify: '扫码核验场所码',
  qrScanVerifying: '正在核验…',
  qrScanValid: (ref: string) => str`核验通过：平台签发的有效场所码（${ref}）。`,
  qrScanInvalid: '核验未通过：这不是平台签发的有效场所码。',
  qrScanCancelled: '已取消扫码。',
  qrScanFailed: '无法完成核验，请重试。',
});

/** `<zheli-evaluation>`'s messages. */
export const evaluationMessages = /* @__PURE__ */ group({
  evalLoading: '正在加载办件信息…',
  evalNoCase: '未指定办件：请设置 case-number 属性。',
  evalSignedOut: '登录后才能评价办件。已填写的内容会保留。',
  evalNotFound: (caseNumber: string) => str`未找到办件 ${caseNumber}，或它不属于当前登录的账号。`,
  evalNotHandled: '该办件尚未办结，办结后才能评价。',
  evalCaseNumber: (caseNumber: string) => str`办件编号：${caseNumber}`,
  evalHandledAt: (date: string) => str`办结时间：${date}`,
  evalLevelLegend: '您对本次办理满意吗？',
  evalLevelRequired: '请先选择满意程度。',
  evalTagsLegend: '原因（选填，可多选）',
  evalCommentLabel: '补充说明（选填）',
  evalCommentCount: (count: string, limit: string) => str`已输入 ${count}/${limit} 字`,
  evalSubmit: '提交评价',
  evalSubmitting: '正在提交评价…',
  evalSubmitFailed: '提交失败，请检查网络后重试。内容已保留，重试不会重复提交。',
  evalRejected: '评价未被接受，请检查所选内容后重试。',
  evalThanks: '感谢您的评价！',
  evalThanksDetail: '您的评价已提交，将帮助改进政务服务。',
  evalRated: '您已评价过该办件。',
  evalYourLevel: '满意程度',
  evalYourTags: '原因',
  evalYourComment: '补充说明',
  evalRatedAt: '评价时间',
  evalNone: '无',
});

/** `<zheli-recommendations>`'s messages. */
export const recommendationMessages = /* @__PURE__ */ group({
  recHeading: '为您推荐',
  recLoading: '正在加载为您推荐的政策和服务…',
  recSignedOut: '登录后查看为您推荐的政策和服务。',
  recEmpty: '暂时没有为您推荐的政策和服务。',
  recReason: '推荐理由：',
  recDue: (date: string) => str`办理期限：${date}`,
  recKindPolicy: '惠民政策',
  recKindService: '服务',
  recKindBundle: '一件事',
  recKindReminder: '到期提醒',
  recApply: '去办理',
  recBook: '去预约',
  recView: '查看',
  recStartBundle: '办理一件事',
});

const categoryNames: Record<Schemas['CategoryId'], () => string> = {
  childcare: () => msg('托育服务', { id: 'category-childcare' }),
  education: () => msg('教育', { id: 'category-education' }),
  employment: () => msg('就业创业', { id: 'category-employment' }),
  social_insurance: () => msg('社会保险', { id: 'category-social_insurance' }),
  medical: () => msg('医疗卫生', { id: 'category-medical' }),
  elderly_care: () => msg('养老服务', { id: 'category-elderly_care' }),
  housing: () => msg('住房保障', { id: 'category-housing' }),
  social_assistance: () => msg('社会救助', { id: 'category-social_assistance' }),
  transport: () => msg('交通出行', { id: 'category-transport' }),
  public_security: () => msg('公安服务', { id: 'category-public_security' }),
  civil_affairs: () => msg('民政服务', { id: 'category-civil_affairs' }),
  real_estate: () => msg('不动产登记', { id: 'category-real_estate' }),
  enterprise: () => msg('企业服务', { id: 'category-enterprise' }),
  tax: () => msg('税务', { id: 'category-tax' }),
  utilities: () => msg('水电气', { id: 'category-utilities' }),
  agriculture: () => msg('农业农村', { id: 'category-agriculture' }),
};

/** Every category id, in the contract's order. */
export const categoryIds = /* @__PURE__ */ Object.keys(categoryNames) as Schemas['CategoryId'][];

/** `<zheli-appointment-picker>`'s messages. */
export const appointmentMessages = /* @__PURE__ */ group({
  apptNoService: '未指定服务：请设置 service-id 属性。',
  apptLoading: '正在加载可预约信息…',
  apptSiteHeading: '选择办理地点',
  apptSitesEmpty: '附近暂无办理该事项的地点。',
  apptChangeSite: '更换地点',
  apptDateHeading: '选择日期',
  apptPrevMonth: '上个月',
  apptNextMonth: '下个月',
  apptReasonClosed: '不开放',
  apptReasonFull: '已约满',
  apptReasonPast: '已过',
  apptReasonHoliday: '节假日',
  apptReasonOutside: '不可预约',
  // Shown in the day cell, where a phone in elder mode leaves about two characters of room.
  apptReasonFullShort: '约满',
  apptReasonClosedShort: '休息',
  apptReasonHolidayShort: '假日',
  apptDayAvailable: '可预约',
  apptToday: '今天',
  apptTimeZone: '时间均为北京时间。',
  apptSlotsHeading: (date: string) => str`${date} 可预约时段`,
  apptNoSlots: '当天没有可预约的时段，请选择其他日期。',
  apptSlotRemaining: (count: string) => str`剩余 ${count} 个名额`,
  apptSlotFull: '已约满',
  apptSlotDetails: (time: string) => str`${time} 时段详情`,
  apptDetails: '详情',
  apptDetailsCapacity: (remaining: string, capacity: string) =>
    str`剩余 ${remaining} 个，共 ${capacity} 个名额`,
  apptClose: '关闭',
  apptConfirmHeading: '确认预约信息',
  apptService: '事项',
  apptSite: '地点',
  apptTime: '时间',
  apptReference: '预约编号',
  apptConfirm: '确认预约',
  apptConfirmReschedule: '确认改约',
  apptBooking: '正在提交…',
  apptBack: '返回修改',
  apptSignInPrompt: '预约需要先登录。登录后会回到这一步，您的选择会保留。',
  apptSignIn: '登录后预约',
  apptSlotTaken: '您选的时段刚刚被约满了，可预约时段已刷新，请另选一个。',
  apptBookedHeading: '预约成功',
  apptTicketHint: '到站后出示此二维码。',
  apptAddCalendar: '加入日历',
  apptReschedule: '改约',
  apptRescheduling: '正在改约：请选择新的时段，原预约在改约成功后释放。',
  apptKeepTime: '保留原时间',
  apptRescheduleKept: '已保留原时间。',
  apptCancel: '取消预约',
  apptCancelQuestion: '确定要取消这次预约吗？',
  apptCancelYes: '确定取消',
  apptCancelNo: '暂不取消',
  apptCancelled: '预约已取消。',
  apptBookAgain: '重新预约',
  apptAnnounceDay: (date: string, count: string) => str`${date}：${count} 个可预约时段`,
  apptAnnounceSelected: (date: string, time: string) => str`已选择 ${date} ${time}`,
  apptRequired: '请选择预约时段。',
});
