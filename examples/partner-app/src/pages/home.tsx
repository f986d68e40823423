import type { ZheliBookEvent } from '@zheli/elements';
import { ZheliServiceCard } from '@zheli/react';
import { inspectionService, signInHref } from '../api.js';
import type { PageProps } from '../app.js';
import { usePageHeading } from '../page-title.js';
import { Link, navigate } from '../router.js';

export function Home({ session }: PageProps) {
  const heading = usePageHeading('首页');
  const book = (event: ZheliBookEvent) => {
    // The card's "预约" would open the platform's portal: book inside the app instead.
    event.preventDefault();
    navigate('/book');
  };
  return (
    <section className="page">
      <div className="hero">
        <h1 ref={heading} tabIndex={-1}>
          年检不用排队，线上约好再来
        </h1>
        <p className="hero__lead">
          安吉顺达为您代办机动车安全技术检验：用浙里办账号登录，选好检测站和时段，到站出示预约凭证即可上线检测。
        </p>
        {session.signedIn ? (
          <p className="hero__actions">
            <Link className="button" href="/book">
              预约机动车检验
            </Link>
            <Link className="button button--secondary" href="/appointments">
              查看我的预约
            </Link>
          </p>
        ) : (
          <p className="hero__actions">
            <a className="button" href={signInHref('/book')}>
              用浙里办账号登录并预约
            </a>
          </p>
        )}
      </div>
      {session.signedIn ? (
        <section aria-labelledby="service-heading" className="panel">
          <h2 id="service-heading">办理的政务服务</h2>
          <ZheliServiceCard serviceId={inspectionService} onZheliBook={book} />
        </section>
      ) : null}
      <section aria-labelledby="steps-heading" className="panel">
        <h2 id="steps-heading">办理流程</h2>
        <ol className="steps">
          <li>用浙里办账号登录，授权本应用查看和办理您的预约。</li>
          <li>选择检测站、日期和时段，填写车牌号。</li>
          <li>按预约时间到站，出示预约凭证二维码。</li>
        </ol>
      </section>
    </section>
  );
}
