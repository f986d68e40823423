import { str } from '@lit/localize/internal/str-tag.js';
import { group } from '../internal/messages.js';

/**
 * `<zheli-points>`'s words, apart from `../internal/messages.ts` so that they load with this element, not with
 * every element (as the picker's `view-messages.ts`). Their ids are in `messageIds` with the
 * rest, and `locales/` translates them.
 */
export const pointsMessages = /* @__PURE__ */ group({
  pointsHeading: (village: string) => str`${village}信治积分`,
  pointsHeadingPlain: '信治积分',
  pointsLoading: '正在加载积分…',
  pointsSignedOut: '登录后查看您和家庭的积分与明细，并在积分超市兑换。',
  pointsNotMember: '您不在本村信治积分名册中。如有疑问，请联系村委会。',
  pointsNoVillage: '未指定村：请设置 village 属性。',
  pointsMine: '我的积分',
  pointsHousehold: (count: string) => str`家庭积分（${count} 人）`,
  pointsValue: (points: string) => str`${points} 分`,
  pointsShop: '积分超市',
  pointsRedeem: '兑换',
  pointsRedeemLabel: (reward: string) => str`兑换${reward}`,
  pointsShort: (points: string) => str`还差 ${points} 分`,
  pointsConfirm: (points: string, reward: string) => str`用 ${points} 分兑换${reward}？`,
  pointsConfirmYes: '确认兑换',
  pointsConfirmNo: '取消',
  pointsRedeeming: '正在兑换…',
  pointsRedeemed: '兑换成功',
  pointsCodeLabel: '积分兑换码',
  pointsCodeHint: (reward: string, date: string) =>
    str`请在积分超市出示此码领取${reward}，有效期至 ${date}。`,
  pointsBalanceAfter: (points: string) => str`剩余积分：${points} 分`,
  pointsDone: '完成',
  pointsInsufficient: '积分不足，无法兑换。',
  pointsRedeemFailed: '兑换失败，请检查网络后重试。重试不会重复扣分。',
  pointsHistory: '积分明细',
  pointsHistoryEmpty: '暂无积分记录。',
  pointsMore: '加载更多',
  pointsCarryOver: '上年度积分结转',
  pointsRecordedBy: (name: string) => str`登记人：${name}`,
  pointsRules: '积分规则',
  pointsPerTime: (points: string) => str`${points} 分/次`,
  pointsPerHour: (points: string) => str`${points} 分/小时`,
  pointsPerMonth: (points: string) => str`${points} 分/月`,
  pointsPerQuarter: (points: string) => str`${points} 分/季度`,
});
