import { str } from '@lit/localize/internal/str-tag.js';
import { group } from '../internal/messages.js';

/**
 * `<zheli-appointment-picker>`'s words that only its views show (`views.ts`): the ticket's, and
 * those of the problems a booking, rescheduling or cancelling can meet. Apart from
 * `../internal/messages.ts`, they load with the views, on the way to the confirm step, not with
 * the picker's first render. Their ids are in `messageIds` with the rest.
 */
export const appointmentViewMessages = /* @__PURE__ */ group({
  apptTicketHint: '到站后出示此二维码。',
  apptAddCalendar: '加入日历',
  apptReschedule: '改约',
  apptCancel: '取消预约',
  apptCancelQuestion: '确定要取消这次预约吗？',
  apptCancelYes: '确定取消',
  apptCancelNo: '暂不取消',
  apptBookFailed: '预约没有成功，请重试；您的选择已保留，重试不会重复预约。',
  apptCancelFailed: '取消没有成功，请重试。',
  apptSlotGone: '这个时段已不能预约，可预约时段已刷新，请另选一个。',
  apptExists: '您这一天已有该事项的预约，每人每天只能约一次。请查看已有的预约，或另选一天。',
  apptExisting: (time: string, site: string) => str`您已有该事项的预约：${time}，${site}。`,
  apptViewExisting: '查看已有预约',
  apptOtherDay: '另选一天',
  apptScope: '当前登录没有预约的授权。请重新登录并同意授权，您的选择会保留。',
  apptSignInAgain: '重新登录',
  apptSessionEnded: '登录已过期，请重新登录后再试。',
  apptLocked: '这个预约已开始或已办结，不能再改约或取消。',
  apptGone: '找不到这个预约，它可能已被取消。',
});
