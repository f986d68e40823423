'use client';
// docs/react.md: configure() once at module top, the components rendered from a 'use client'
// module; docs/auth.md: the client calls the backend-for-frontend at '/api' with the CSRF header.
import { createClient } from '@zheli/client';
import { configure } from '@zheli/elements';
import { ZheliAppointmentPicker, ZheliServiceCard } from '@zheli/react';
import { useEffect, useState } from 'react';

configure({
  client: createClient({ baseUrl: '/api', headers: { 'x-zheli-csrf': '1' } }),
  locale: 'zh-CN',
});

const service = 'svc-330523-vehicle-inspection-booking';

export function Booking() {
  const [who, setWho] = useState<string>();
  useEffect(() => {
    fetch('/auth/session')
      .then((response) => response.json())
      .then((session: { signedIn: boolean; user?: { sub: string } }) =>
        setWho(session.signedIn ? session.user?.sub : 'signed-out'),
      );
  }, []);
  return (
    <>
      <p id="session">{who ?? ''}</p>
      <ZheliServiceCard serviceId={service} />
      <ZheliAppointmentPicker serviceId={service} region="330523" />
    </>
  );
}
