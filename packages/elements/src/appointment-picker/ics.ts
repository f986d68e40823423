import type { Schemas } from '@zheli/contract';

/** What an appointment's calendar entry says, in the reader's language. */
export interface IcsText {
  /** The entry's title: the service's name. */
  summary: string;
  /** Where: the site's name and address. */
  location: string;
  /** The reference to quote at the counter, and anything else worth knowing. */
  description: string;
}

/** RFC 5545 §3.3.11: backslash, semicolon, comma and newlines are escaped in TEXT values. */
function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r?\n/g, '\\n');
}

/** RFC 5545 §3.1: lines longer than 75 octets are folded, never inside a UTF-8 character. */
function fold(line: string): string {
  const encoder = new TextEncoder();
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; continuation lines begin with a space, so 74 more.
    const limit = pieces.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      pieces.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  pieces.push(current);
  return pieces.join('\r\n ');
}

/** An instant in UTC form (`20261124T003000Z`), which needs no VTIMEZONE. */
function utc(instant: string | Date): string {
  return new Date(instant)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * The appointment as an iCalendar file (RFC 5545) with one VEVENT: its time in UTC (the slot is
 * in Asia/Shanghai; calendars show it in the reader's zone), a stable UID so importing it twice
 * updates one entry, and a reminder an hour before.
 */
export function appointmentIcs(
  appointment: Pick<Schemas['Appointment'], 'id' | 'slot' | 'status'>,
  text: IcsText,
  now: Date = new Date(),
): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Zheli SDK//appointment-picker//ZH',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${appointment.id}@zheli-sdk`,
    `DTSTAMP:${utc(now)}`,
    `DTSTART:${utc(appointment.slot.start)}`,
    `DTEND:${utc(appointment.slot.end)}`,
    `SUMMARY:${escapeText(text.summary)}`,
    `LOCATION:${escapeText(text.location)}`,
    `DESCRIPTION:${escapeText(text.description)}`,
    `STATUS:${appointment.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    'BEGIN:VALARM',
    'ACTION:DISPLAY',
    'TRIGGER:-PT1H',
    `DESCRIPTION:${escapeText(text.summary)}`,
    'END:VALARM',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
