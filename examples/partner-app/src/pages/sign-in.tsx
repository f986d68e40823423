import { signInHref } from '../api.js';
import type { PageProps } from '../app.js';
import { describeSignInError } from '../errors.js';
import { usePageHeading } from '../page-title.js';
import { Link } from '../router.js';

export function SignIn({ session, location }: PageProps) {
  const heading = usePageHeading('登录');
  const error = location.query.get('error');
  const returnTo = location.query.get('returnTo') ?? '/appointments';
  return (
    <section className="page page--narrow">
      <h1 ref={heading} tabIndex={-1}>
        登录
      </h1>
      {error ? (
        <div className="notice notice--error" role="alert">
          <h2>登录失败</h2>
          <p>{describeSignInError(error)}</p>
          <p className="notice__code">错误代码：{error}</p>
        </div>
      ) : null}
      {session.signedIn ? (
        <p>
          您已登录。<Link href="/appointments">查看我的预约</Link>
        </p>
      ) : (
        <>
          <p>本应用使用浙江政务服务平台（浙里办）的实名账号登录。登录后，您授权本应用：</p>
          <ul>
            <li>显示您的姓名（脱敏，如“陈*国”）；</li>
            <li>为您预约、查看和取消机动车检验。</li>
          </ul>
          <p>
            <a className="button" href={signInHref(returnTo)}>
              使用浙里办账号登录
            </a>
          </p>
          <p className="hint">
            您的登录凭证只保存在本应用的服务器上，浏览器中只有一个会话 Cookie。
          </p>
        </>
      )}
    </section>
  );
}
