import { signInHref } from '../api.js';

/** What a page that needs a session shows without one. */
export function SignedOut({ returnTo, expired }: { returnTo: string; expired?: boolean }) {
  return (
    <div className="notice" role={expired ? 'alert' : undefined}>
      <p>{expired ? '登录已过期，请重新登录。' : '请先用浙里办账号登录。'}</p>
      <p>
        <a className="button" href={signInHref(returnTo)}>
          使用浙里办账号登录
        </a>
      </p>
    </div>
  );
}
