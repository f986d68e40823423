import { isNetworkError, isTimeoutError, isZheliApiError } from '@zheli/client';

/** True when the backend says there is no session (never signed in, or it ended). */
export function isSignedOut(error: unknown): boolean {
  return isZheliApiError(error) && error.status === 401;
}

/** What went wrong, in words a person can act on. */
export function describeError(error: unknown): string {
  if (isZheliApiError(error)) {
    switch (error.code) {
      case 'slot_full':
        return '这个时段刚刚约满了，请换一个时段。';
      case 'slot_unavailable':
        return '这个时段已不可预约，请换一个时段。';
      case 'appointment_exists':
        return '您当天已预约过这项业务，每人每天只能预约一次。';
      case 'appointment_not_cancellable':
        return '这个预约已办结或已过时间，不能取消。';
      case 'not_found':
        return '没有找到这条记录，它可能已被删除。';
      case 'rate_limited':
        return '请求太频繁了，请稍后再试。';
      default:
        break;
    }
    if (error.status === 401) return '登录已过期，请重新登录。';
    if (error.status === 403) return '没有授权本应用办理预约，请重新登录并同意授权。';
    if (error.status >= 500) {
      return `平台暂时无法处理请求，请稍后再试（追踪号 ${error.traceId ?? '无'}）。`;
    }
    return `请求未成功（${error.status}${error.code ? ` ${error.code}` : ''}）。`;
  }
  if (isNetworkError(error)) return '网络连接失败，请检查网络后重试。';
  if (isTimeoutError(error)) return '平台响应超时，请稍后重试。';
  return '出了点问题，请重试。';
}

/** Why a sign-in failed, from the `error` the backend puts on /signin. */
export function describeSignInError(code: string): string {
  switch (code) {
    case 'state_mismatch':
      return '这次登录的回调无法与您发起的登录对应（链接可能被篡改、已使用过或已过期），为保护您的账户，登录未完成。请重新登录。';
    case 'access_denied':
      return '您在浙里办拒绝了授权，登录未完成。';
    case 'issuer_mismatch':
      return '登录回调不是来自浙里办平台，登录未完成。';
    case 'nonce_mismatch':
    case 'invalid_id_token':
      return '浙里办返回的身份凭证未通过校验，登录未完成。';
    case 'login_required':
      return '需要在浙里办重新登录。';
    default:
      return '登录未完成，请重新登录。';
  }
}
