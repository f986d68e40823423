// What an app ships for one card: the card's define entry and the client that feeds it.
import '../../src/service-card/define.js';

export { createClient } from '@zheli/client';
export { configure } from '../../src/internal/config.js';
