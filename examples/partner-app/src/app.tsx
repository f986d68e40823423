import { useCallback, useEffect, useState } from 'react';
import { fetchSession, type Session, signInHref, signOut } from './api.js';
import { followContainer } from './container.js';
import { applyMode, chooseMode, type Mode } from './mode.js';
import { Appointments } from './pages/appointments.js';
import { Book } from './pages/book.js';
import { Home } from './pages/home.js';
import { NotFound } from './pages/not-found.js';
import { SignIn } from './pages/sign-in.js';
import { Link, type Location, useLocation } from './router.js';

export interface PageProps {
  session: Session;
  location: Location;
  /** Call when the backend says the session ended. */
  onSignedOut: () => void;
}

const nav = [
  { href: '/', label: '首页' },
  { href: '/book', label: '预约检验' },
  { href: '/appointments', label: '我的预约' },
];

export function App({ initialMode }: { initialMode: Mode }) {
  const location = useLocation();
  const [mode, setMode] = useState<Mode>(initialMode);
  const toggleMode = useCallback(() => {
    setMode((current) => {
      const next = current === 'elder' ? 'standard' : 'elder';
      chooseMode(next);
      return next;
    });
  }, []);
  const [session, setSession] = useState<Session | undefined>();
  const [sessionError, setSessionError] = useState(false);

  const load = useCallback(() => {
    setSessionError(false);
    fetchSession().then(setSession, () => setSessionError(true));
  }, []);
  useEffect(() => load(), [load]);
  // Inside the platform's app: signed in by its ticket, in its style (not kept as a choice).
  useEffect(
    () =>
      followContainer({
        onSignedIn: load,
        onMode: (next) => {
          applyMode(next);
          setMode(next);
        },
      }),
    [load],
  );

  const onSignedOut = useCallback(() => setSession({ signedIn: false }), []);

  let page: React.ReactNode;
  if (sessionError) {
    page = (
      <div className="notice notice--error" role="alert">
        <p>无法连接到本应用的服务器。</p>
        <button type="button" className="button" onClick={load}>
          重试
        </button>
      </div>
    );
  } else if (!session) {
    page = (
      <p className="loading" role="status">
        正在加载…
      </p>
    );
  } else {
    const props = { session, location, onSignedOut };
    switch (location.path) {
      case '/':
        page = <Home {...props} />;
        break;
      case '/signin':
        page = <SignIn {...props} />;
        break;
      case '/appointments':
        page = <Appointments {...props} />;
        break;
      case '/book':
        page = <Book {...props} />;
        break;
      default:
        page = <NotFound />;
    }
  }

  return (
    <>
      <a className="skip-link" href="#main">
        跳到主要内容
      </a>
      <header className="masthead">
        <div className="masthead__inner">
          <Link href="/" className="brand">
            <span className="brand__mark" aria-hidden="true">
              顺
            </span>
            <span>
              安吉顺达汽车服务
              <span className="brand__tagline">机动车检验 · 在线预约</span>
            </span>
          </Link>
          <nav aria-label="主导航">
            <ul className="nav">
              {nav.map((item) => (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={location.path === item.href ? 'page' : undefined}
                  >
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {/* Before the account, not in it: the account fills in when the session arrives, after
              the first paint, and grows away from the switch, so it moves nothing (on a phone
              too, where both share a row). 长辈版 on (pressed) or off (标准版): the name stays,
              the pressed state says which. */}
          <button
            type="button"
            className="button button--quiet mode-switch"
            aria-pressed={mode === 'elder'}
            onClick={toggleMode}
          >
            长辈版
          </button>
          <div className="account">
            {session?.signedIn ? (
              <>
                <span className="account__name">
                  <span className="visually-hidden">已登录：</span>
                  {session.user?.claims.name ?? '已登录'}
                </span>
                <button type="button" className="button button--quiet" onClick={() => signOut()}>
                  退出登录
                </button>
              </>
            ) : session ? (
              <a
                className="button button--quiet"
                href={signInHref(location.path === '/signin' ? '/appointments' : location.path)}
              >
                登录
              </a>
            ) : null}
          </div>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {page}
      </main>
      <footer className="footer">
        <p>安吉顺达汽车服务有限公司（示例应用）· 地址：安吉县递铺街道天目路 · 电话 0572-5100000</p>
        <p>登录与预约由浙江政务服务平台（浙里办）提供，本应用不保存您的登录凭证。</p>
      </footer>
    </>
  );
}
