// The views of the steps after a slot is chosen, loaded together (one chunk) on the way to the
// confirm step rather than with the picker's first render: the ticket, and the problems a write
// can meet with their words.

export {
  existingAppointment,
  problemOf,
  problemText,
  renderExisting,
  renderProblem,
  slotGoneText,
} from './problems.js';
export { downloadIcs, renderTicket } from './ticket.js';
