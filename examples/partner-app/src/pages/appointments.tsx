import type { ItemOf } from '@zheli/client';
import { ZheliQrCode } from '@zheli/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { client } from '../api.js';
import type { PageProps } from '../app.js';
import { describeError, isSignedOut } from '../errors.js';
import { formatSlot, statusText } from '../format.js';
import { usePageHeading } from '../page-title.js';
import { Link } from '../router.js';
import { SignedOut } from './signed-out.js';

type Appointment = ItemOf<'listMyAppointments'>;

/** What the booking page leaves in the history state for this page to announce. */
export interface BookedState {
  booked?: { reference: string; when: string };
}

export function Appointments({ session, location, onSignedOut }: PageProps) {
  const heading = usePageHeading('我的预约');
  const [items, setItems] = useState<Appointment[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState<string | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const booked = (location.state as BookedState | null)?.booked;
  const cancelButtons = useRef(new Map<string, HTMLButtonElement>());

  const load = useCallback(() => {
    setError(undefined);
    setItems(undefined);
    client.appointments.list({ limit: 50 }).then(
      (page) => setItems(page.items),
      (failure: unknown) => {
        if (isSignedOut(failure)) onSignedOut();
        else setError(describeError(failure));
      },
    );
  }, [onSignedOut]);

  useEffect(() => {
    if (session.signedIn) load();
  }, [session.signedIn, load]);

  if (!session.signedIn) {
    return (
      <section className="page">
        <h1 ref={heading} tabIndex={-1}>
          我的预约
        </h1>
        <SignedOut returnTo="/appointments" />
      </section>
    );
  }

  const cancel = async (appointment: Appointment) => {
    setBusy(appointment.id);
    setError(undefined);
    try {
      const cancelled = await client.appointments.cancel(appointment.id, {
        reason: '车主在安吉顺达汽车服务应用中取消',
      });
      setItems((list) => list?.map((item) => (item.id === cancelled.id ? cancelled : item)));
      setAnnouncement(`已取消预约 ${cancelled.reference}，名额已释放。`);
      setConfirming(undefined);
      heading.current?.focus();
    } catch (failure) {
      if (isSignedOut(failure)) onSignedOut();
      else setError(describeError(failure));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section className="page">
      <div className="page__header">
        <h1 ref={heading} tabIndex={-1}>
          我的预约
        </h1>
        <Link className="button" href="/book">
          新的预约
        </Link>
      </div>
      <div role="status" className="status">
        {booked && !announcement ? (
          <p className="notice notice--success">
            预约成功：{booked.when}，预约号 {booked.reference}。请按时到站并出示预约凭证。
          </p>
        ) : null}
        {announcement ? <p className="notice notice--success">{announcement}</p> : null}
      </div>
      {error ? (
        <div className="notice notice--error" role="alert">
          <p>{error}</p>
          <button type="button" className="button" onClick={load}>
            重试
          </button>
        </div>
      ) : null}
      {!items && !error ? (
        <p className="loading" role="status">
          正在加载您的预约…
        </p>
      ) : null}
      {items && items.length === 0 ? (
        <div className="empty">
          <p>您还没有预约。</p>
          <Link href="/book">预约机动车检验</Link>
        </div>
      ) : null}
      {items && items.length > 0 ? (
        <ul className="appointments" aria-label="预约列表">
          {items.map((item) => (
            <li key={item.id} className="appointment" data-status={item.status}>
              <article aria-labelledby={`${item.id}-title`}>
                <h2 id={`${item.id}-title`}>
                  {item.service.name}
                  <span className={`badge badge--${item.status}`}>
                    {statusText[item.status] ?? item.status}
                  </span>
                </h2>
                <dl className="facts">
                  <div>
                    <dt>时间</dt>
                    <dd>{formatSlot(item.slot.start, item.slot.end)}</dd>
                  </div>
                  <div>
                    <dt>地点</dt>
                    <dd>{item.site.name}</dd>
                  </div>
                  <div>
                    <dt>预约号</dt>
                    <dd className="reference">{item.reference}</dd>
                  </div>
                  {item.note ? (
                    <div>
                      <dt>车辆</dt>
                      <dd>{item.note}</dd>
                    </div>
                  ) : null}
                </dl>
                {item.status === 'booked' && item.ticket ? (
                  <details className="ticket">
                    <summary>出示预约凭证</summary>
                    <ZheliQrCode
                      value={item.ticket.token}
                      label={`预约凭证 ${item.reference}`}
                      size={180}
                    />
                  </details>
                ) : null}
                {item.status === 'booked' ? (
                  confirming === item.id ? (
                    <fieldset className="confirm">
                      <legend className="visually-hidden">确认取消 {item.reference}</legend>
                      <p>确定要取消这个预约吗？取消后名额会释放给其他车主。</p>
                      <button
                        type="button"
                        className="button button--danger"
                        ref={(button) => button?.focus()}
                        disabled={busy === item.id}
                        onClick={() => cancel(item)}
                      >
                        {busy === item.id ? '正在取消…' : '确认取消'}
                      </button>
                      <button
                        type="button"
                        className="button button--quiet"
                        onClick={() => {
                          setConfirming(undefined);
                          cancelButtons.current.get(item.id)?.focus();
                        }}
                      >
                        不取消
                      </button>
                    </fieldset>
                  ) : (
                    <button
                      type="button"
                      className="button button--secondary"
                      ref={(button) => {
                        if (button) cancelButtons.current.set(item.id, button);
                      }}
                      onClick={() => setConfirming(item.id)}
                    >
                      取消预约<span className="visually-hidden"> {item.reference}</span>
                    </button>
                  )
                ) : null}
              </article>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
