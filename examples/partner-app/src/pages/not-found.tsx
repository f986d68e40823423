import { usePageHeading } from '../page-title.js';
import { Link } from '../router.js';

export function NotFound() {
  const heading = usePageHeading('页面不存在');
  return (
    <section className="page">
      <h1 ref={heading} tabIndex={-1}>
        页面不存在
      </h1>
      <p>
        <Link href="/">返回首页</Link>
      </p>
    </section>
  );
}
