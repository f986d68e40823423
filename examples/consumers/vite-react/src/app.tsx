import type { ZheliQrCode as QrCodeElement } from '@zheli/elements';
import {
  ZheliAppointmentPicker,
  ZheliLoginButton,
  ZheliQrCode,
  ZheliServiceCard,
} from '@zheli/react';
import { useRef, useState } from 'react';

const service = 'svc-330523-vehicle-inspection-booking';

export function App() {
  const [booked, setBooked] = useState<string>();
  const ticket = useRef<QrCodeElement>(null);
  return (
    <main>
      <h1>机动车检验</h1>
      <ZheliLoginButton />
      <ZheliServiceCard
        serviceId={service}
        onZheliBook={(event) => {
          event.preventDefault(); // the card's "book" is handled by the app
        }}
      />
      <ZheliAppointmentPicker
        serviceId={service}
        region="330523"
        onZheliBooked={(event) => setBooked(event.detail.appointment.id)}
      />
      {booked ? (
        <section aria-label="我的预约">
          <output id="booked">{booked}</output>
          <ZheliQrCode ref={ticket} kind="appointment" appointmentId={booked} size={240} />
        </section>
      ) : null}
    </main>
  );
}
