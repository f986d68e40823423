// The add-to-calendar file, parsed by an independent RFC 5545 parser (ical.js, Mozilla's).
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { appointmentIcs } from './ics.js';

const appointment = {
  id: 'apt-7Hq2KfX9',
  status: 'booked' as const,
  slot: {
    id: 'slot-anji-inspection-1-vehicle-inspection-booking-202611240830',
    start: '2026-11-24T08:30:00+08:00',
    end: '2026-11-24T09:00:00+08:00',
  },
};

const text = {
  summary: '机动车检验预约',
  location: '安吉县机动车检测站（递铺）, 安吉县递铺街道天目路88号',
  description: '预约编号: YY20261124-0031; bring the car, its papers; and the key\\n',
};

describe('appointmentIcs', () => {
  it('parses as one VEVENT at the slot’s instant, with the text escaped and restored', () => {
    const ics = appointmentIcs(appointment, text, new Date('2026-11-23T02:12:03Z'));
    const calendar = new ICAL.Component(ICAL.parse(ics));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    const events = calendar.getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    const event = new ICAL.Event(events[0]);
    expect(event.uid).toBe('apt-7Hq2KfX9@zheli-sdk');
    expect(event.summary).toBe(text.summary);
    expect(event.location).toBe(text.location);
    expect(event.description).toBe(text.description);
    // 08:30 in Shanghai is 00:30 UTC.
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-11-24T00:30:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-11-24T01:00:00.000Z');
    expect(events[0]?.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(events[0]?.getFirstSubcomponent('valarm')?.getFirstPropertyValue('action')).toBe(
      'DISPLAY',
    );
  });

  it('ends every line with CRLF and folds none longer than 75 octets, never inside a character', () => {
    const long = {
      ...text,
      description: '请携带行驶证、身份证和交强险保单，车辆需清洁。'.repeat(6),
    };
    const ics = appointmentIcs(appointment, long);
    expect(ics.endsWith('\r\n')).toBe(true);
    const lines = ics.split('\r\n').slice(0, -1);
    for (const line of lines) {
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
      expect(line.includes('\n')).toBe(false);
    }
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    const event = new ICAL.Event(
      new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent') ?? undefined,
    );
    expect(event.description).toBe(long.description);
  });

  it('marks a cancelled appointment CANCELLED', () => {
    const ics = appointmentIcs({ ...appointment, status: 'cancelled' }, text);
    const event = new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent');
    expect(event?.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});
