import { html, nothing, type TemplateResult } from 'lit';
import type { Locale } from '../internal/localize.js';
import { appointmentMessages as t } from '../internal/messages.js';
import { formatFullDay, formatRange } from './time.js';

/** The facts of a booking: on the confirm step, and on the ticket with its reference. */
export function renderSummary(
  locale: Locale,
  service: string,
  site: { name: string; address: string },
  slot: { start: string; end: string },
  reference?: string,
): TemplateResult {
  return html`<dl part="summary" class="summary">
      <div><dt>${t.apptService()}</dt><dd>${service}</dd></div>
      <div><dt>${t.apptSite()}</dt><dd>${site.name}<br /><span class="muted">${site.address}</span></dd></div>
      <div>
        <dt>${t.apptTime()}</dt>
        <dd>
          ${formatFullDay(slot.start.slice(0, 10), locale)}
          ${formatRange(slot.start, slot.end, locale)}
        </dd>
      </div>
      ${reference === undefined ? nothing : html`<div><dt>${t.apptReference()}</dt><dd>${reference}</dd></div>`}
    </dl>`;
}
