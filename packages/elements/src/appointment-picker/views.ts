// The views of the steps after a slot is chosen, loaded together (one chunk) on the way to the
// confirm step rather than with the picker's first render: the ticket, and the problems a write
// can meet with their words. They import nothing of the picker's eager modules (its words and its
// summary come in the view objects): a bundler that splits by what each of its entries reaches
// (esbuild) would otherwise load those shared parts with every page whose entry reaches the
// picker, such as a page with only cards and `configure` from `@zheli/elements`.

export {
  existingAppointment,
  problemOf,
  problemText,
  renderExisting,
  renderProblem,
  slotGoneText,
} from './problems.js';
export { downloadIcs, renderTicket } from './ticket.js';
