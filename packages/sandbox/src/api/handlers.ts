import { pointHandlers } from '../points/handlers.js';
import { appointmentHandlers } from './handlers/appointments.js';
import { catalogHandlers, regionHandlers } from './handlers/catalog.js';
import { codeHandlers } from './handlers/codes.js';
import { evaluationHandlers } from './handlers/evaluations.js';
import { matterHandlers } from './handlers/matters.js';
import { meHandlers } from './handlers/me.js';
import { recommendationControlHandlers } from './handlers/recommendation-controls.js';
import { siteHandlers } from './handlers/sites.js';
import type { Handlers } from './types.js';

/** Every operation's handler; `Handlers` makes a missing one a type error. */
export const handlers: Handlers = {
  ...regionHandlers,
  ...catalogHandlers,
  ...siteHandlers,
  ...appointmentHandlers,
  ...codeHandlers,
  ...evaluationHandlers,
  ...meHandlers,
  ...recommendationControlHandlers,
  ...matterHandlers,
  ...pointHandlers,
};
