// A server component: rendered on the server, the elements' tags included; the elements upgrade
// in the browser.
import { Booking } from './booking';

export default function Page() {
  return (
    <main>
      <h1>机动车检验</h1>
      <a href="/auth/login?returnTo=/">登录</a>
      <Booking />
    </main>
  );
}
