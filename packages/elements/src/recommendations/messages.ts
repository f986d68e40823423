import { str } from '@lit/localize/internal/str-tag.js';
import { group } from '../internal/messages.js';

/**
 * `<zheli-recommendations>`'s words, apart from `../internal/messages.ts` so that they load with this element, not with
 * every element (as the picker's `view-messages.ts`). Their ids are in `messageIds` with the
 * rest, and `locales/` translates them.
 */
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
  recUses: (names: string) => str`所用数据：${names}`,
  recDismiss: '不感兴趣',
  recDismissWhy: '为什么不感兴趣？',
  recReasonNotRelevant: '与我无关',
  recReasonAlreadyDone: '已经办过了',
  recReasonWrongInformation: '信息有误',
  recReasonOther: '其他原因',
  recSnooze: '稍后提醒',
  recSnoozeWhen: '何时再提醒？',
  recSnoozeDays: (days: string) => str`${days}天后`,
  recHidden: (title: string) => str`已隐藏「${title}」。`,
  recSnoozed: (title: string, date: string) => str`「${title}」将于${date}再次提醒。`,
  recUndo: '撤销',
  recRestored: (title: string) => str`已恢复「${title}」。`,
  recActionFailed: '操作失败，请检查网络后重试。',
  recWithheld: (name: string, rules: string) =>
    str`您已撤回「${name}」的使用授权，依赖它的${rules}项推荐规则已停用。`,
  recConsents: '数据使用授权',
  recConsentsIntro: '推荐仅使用您授权的数据。撤回授权后，依赖该数据的推荐将不再出现。',
  recConsentPurpose: '用途：',
  recConsentData: '范围：',
  recConsentRules: '用于：',
  recConsentAllow: '允许使用',
  recConsentRevoked: (name: string) => str`已撤回「${name}」的使用授权，相关推荐已隐藏。`,
  recConsentGranted: (name: string) => str`已允许使用「${name}」。`,
});
