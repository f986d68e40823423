import { type ItemOf, isZheliApiError, type ResultOf } from '@zheli/client';
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { anjiRegion, client, inspectionService } from '../api.js';
import type { PageProps } from '../app.js';
import { describeError, isSignedOut } from '../errors.js';
import { dayUnavailable, formatDay, formatSlot, formatTime } from '../format.js';
import { usePageHeading } from '../page-title.js';
import { navigate } from '../router.js';
import type { BookedState } from './appointments.js';
import { SignedOut } from './signed-out.js';

type Site = ItemOf<'listSites'>;
type Calendar = ResultOf<'listSlots'>;

/**
 * Booking a vehicle inspection: station, day, time, plate number.
 *
 * TODO(appointment-picker): when `<zheli-appointment-picker>` lands in @zheli/elements, its
 * wrapper (`ZheliAppointmentPicker` from @zheli/react, generated at build) replaces the station,
 * day and time fieldsets below: pass `serviceId`, take the chosen slot from its slot-select
 * callback, and keep the plate number field and the submit here. Until then this form reads the
 * same data through the client (`sites.list`, `sites.slots`).
 */
export function Book({ session, onSignedOut }: PageProps) {
  const heading = usePageHeading('预约机动车检验');
  const ids = useId();
  const [sites, setSites] = useState<Site[] | undefined>();
  const [siteId, setSiteId] = useState('');
  const [calendar, setCalendar] = useState<Calendar | undefined>();
  const [date, setDate] = useState('');
  const [slotId, setSlotId] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [submitting, setSubmitting] = useState(false);
  const [attempt, setAttempt] = useState(0);
  // One idempotency key per choice: submitting the same choice again (a retry after a lost
  // answer) cannot book twice; another choice gets a new key.
  const idempotency = useRef({ choice: '', key: '' });
  const errorBox = useRef<HTMLDivElement>(null);

  const fail = useCallback(
    (failure: unknown, set: (message: string) => void) => {
      if (isSignedOut(failure)) onSignedOut();
      else set(describeError(failure));
    },
    [onSignedOut],
  );

  // `attempt` counts retries: changing it loads again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the retry trigger
  useEffect(() => {
    if (!session.signedIn) return;
    setLoadError(undefined);
    client.sites.list({ service: inspectionService, region: anjiRegion }).then(
      (page) => {
        setSites(page.items);
        setSiteId((current) => current || page.items[0]?.id || '');
      },
      (failure: unknown) => fail(failure, setLoadError),
    );
  }, [session.signedIn, attempt, fail]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt is the retry trigger
  useEffect(() => {
    if (!siteId) return;
    setCalendar(undefined);
    setDate('');
    setSlotId('');
    client.sites.slots(siteId, { service: inspectionService }).then(
      (days) => {
        setCalendar(days);
        setDate(days.days.find((day) => day.available)?.date ?? '');
      },
      (failure: unknown) => fail(failure, setLoadError),
    );
  }, [siteId, attempt, fail]);

  if (!session.signedIn) {
    return (
      <section className="page">
        <h1 ref={heading} tabIndex={-1}>
          预约机动车检验
        </h1>
        <SignedOut returnTo="/book" />
      </section>
    );
  }

  const day = calendar?.days.find((candidate) => candidate.date === date);
  const slot = day?.slots.find((candidate) => candidate.id === slotId);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(undefined);
    if (!slot) {
      setError('请选择预约时段。');
      errorBox.current?.focus();
      return;
    }
    const choice = `${siteId}|${slot.id}|${note.trim()}`;
    if (idempotency.current.choice !== choice) {
      idempotency.current = { choice, key: crypto.randomUUID() };
    }
    setSubmitting(true);
    try {
      const appointment = await client.appointments.book(
        {
          serviceId: inspectionService,
          siteId,
          slotId: slot.id,
          ...(note.trim() ? { note: note.trim() } : {}),
        },
        { idempotencyKey: idempotency.current.key },
      );
      const state: BookedState = {
        booked: {
          reference: appointment.reference,
          when: `${formatSlot(appointment.slot.start, appointment.slot.end)}，${appointment.site.name}`,
        },
      };
      navigate('/appointments', state);
    } catch (failure) {
      fail(failure, setError);
      errorBox.current?.focus();
      if (isZheliApiError(failure) && /^slot_/.test(failure.code ?? '')) {
        setAttempt((n) => n + 1); // fetch the calendar again: places have changed
      }
    } finally {
      setSubmitting(false);
    }
  };

  const site = sites?.find((candidate) => candidate.id === siteId);

  return (
    <section className="page page--narrow">
      <h1 ref={heading} tabIndex={-1}>
        预约机动车检验
      </h1>
      <p>安吉县机动车安全技术检验，可预约今天起 14 天内的时段。每人每天限约一次。</p>
      {loadError ? (
        <div className="notice notice--error" role="alert">
          <p>{loadError}</p>
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            重试
          </button>
        </div>
      ) : null}
      <form className="form" onSubmit={submit} noValidate aria-describedby={`${ids}-error`}>
        <div className="field">
          <label htmlFor={`${ids}-site`}>检测站</label>
          <select
            id={`${ids}-site`}
            value={siteId}
            disabled={!sites}
            onChange={(event) => setSiteId(event.target.value)}
            aria-describedby={`${ids}-site-address`}
          >
            {!sites ? <option value="">正在加载检测站…</option> : null}
            {sites?.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
          <p className="hint" id={`${ids}-site-address`}>
            {site ? `${site.address} · 电话 ${site.phone}` : ''}
          </p>
        </div>

        <fieldset className="field">
          <legend>日期</legend>
          {!calendar ? (
            <p className="loading" role="status">
              正在加载可预约日期…
            </p>
          ) : (
            <div className="choices choices--days">
              {calendar.days.map((candidate) => (
                <label
                  key={candidate.date}
                  className="choice"
                  data-disabled={!candidate.available || undefined}
                >
                  <input
                    type="radio"
                    name="date"
                    value={candidate.date}
                    checked={date === candidate.date}
                    disabled={!candidate.available}
                    onChange={() => {
                      setDate(candidate.date);
                      setSlotId('');
                    }}
                  />
                  <span>{formatDay(candidate.date)}</span>
                  {!candidate.available ? (
                    <span className="choice__note">
                      {dayUnavailable[candidate.reason ?? ''] ?? '不可约'}
                    </span>
                  ) : null}
                </label>
              ))}
            </div>
          )}
        </fieldset>

        <fieldset className="field">
          <legend>时段{day ? `（${formatDay(day.date)}）` : ''}</legend>
          {day ? (
            <div className="choices choices--slots">
              {day.slots.map((candidate) => (
                <label
                  key={candidate.id}
                  className="choice"
                  data-disabled={candidate.remaining === 0 || undefined}
                >
                  <input
                    type="radio"
                    name="slot"
                    value={candidate.id}
                    checked={slotId === candidate.id}
                    disabled={candidate.remaining === 0}
                    onChange={() => setSlotId(candidate.id)}
                  />
                  <span>
                    {formatTime(candidate.start)}–{formatTime(candidate.end)}
                  </span>
                  <span className="choice__note">
                    {candidate.remaining === 0 ? '已约满' : `余 ${candidate.remaining} 个`}
                  </span>
                </label>
              ))}
            </div>
          ) : (
            <p className="hint">{calendar ? '请先选择日期。' : ''}</p>
          )}
        </fieldset>

        <div className="field">
          <label htmlFor={`${ids}-note`}>车牌号（选填）</label>
          <input
            id={`${ids}-note`}
            type="text"
            value={note}
            maxLength={60}
            autoComplete="off"
            placeholder="如：浙E·A1234"
            onChange={(event) => setNote(event.target.value)}
          />
        </div>

        <div id={`${ids}-error`} ref={errorBox} tabIndex={-1} className="form__error">
          {error ? (
            <p className="notice notice--error" role="alert">
              {error}
            </p>
          ) : null}
        </div>

        <button type="submit" className="button button--large" disabled={submitting}>
          {submitting ? '正在提交…' : '提交预约'}
        </button>
        {slot ? (
          <p className="hint" aria-live="polite">
            将预约：{formatSlot(slot.start, slot.end)}，{site?.name}
          </p>
        ) : null}
      </form>
    </section>
  );
}
