import type { ZheliBookedEvent } from '@zheli/elements';
import { ZheliAppointmentPicker } from '@zheli/react';
import { useEffect, useId, useState } from 'react';
import { anjiRegion, inspectionService, setVehicle } from '../api.js';
import type { PageProps } from '../app.js';
import { formatSlot } from '../format.js';
import { usePageHeading } from '../page-title.js';
import { navigate } from '../router.js';
import type { BookedState } from './appointments.js';
import { SignedOut } from './signed-out.js';

/**
 * Booking a vehicle inspection: the plate number, then the platform's appointment picker
 * (station, day, time, confirm). The picker reads and books through the app's backend and signs
 * in through it (both set with `configure()` in main.tsx); its bookings carry the plate number as
 * their note. Once booked, 我的预约 shows the ticket.
 */
export function Book({ session }: PageProps) {
  const heading = usePageHeading('预约机动车检验');
  const ids = useId();
  const [plate, setPlate] = useState('');

  // The plate number goes with the picker's next booking; leaving the page forgets it.
  useEffect(() => {
    setVehicle(plate);
  }, [plate]);
  useEffect(() => () => setVehicle(''), []);

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

  const booked = (event: ZheliBookedEvent) => {
    const { appointment } = event.detail;
    const state: BookedState = {
      booked: {
        reference: appointment.reference,
        when: `${formatSlot(appointment.slot.start, appointment.slot.end)}，${appointment.site.name}`,
      },
    };
    // The person's 确认预约 led here: 我的预约 takes focus on its heading, above the message.
    navigate('/appointments', state, { focus: true });
  };

  return (
    <section className="page page--narrow">
      <h1 ref={heading} tabIndex={-1}>
        预约机动车检验
      </h1>
      <p>安吉县机动车安全技术检验，可预约今天起 14 天内的时段。每人每天限约一次。</p>
      <div className="form booking">
        <div className="field">
          <label htmlFor={`${ids}-plate`}>车牌号（选填）</label>
          <input
            id={`${ids}-plate`}
            type="text"
            value={plate}
            maxLength={60}
            autoComplete="off"
            placeholder="如：浙E·A1234"
            aria-describedby={`${ids}-plate-hint`}
            onChange={(event) => setPlate(event.target.value)}
          />
          <p className="hint" id={`${ids}-plate-hint`}>
            随预约一并告知检测站，到站更快核对车辆。
          </p>
        </div>
        <ZheliAppointmentPicker
          serviceId={inspectionService}
          region={anjiRegion}
          onZheliBooked={booked}
        />
      </div>
    </section>
  );
}
