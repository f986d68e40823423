// What an app ships for the booking flow: the picker's define entry (with the QR code element and
// its encoder, floating-ui and Lit) and the client that feeds it.
import '../../src/appointment-picker/define.js';

export { createClient } from '@zheli/client';
export { configure } from '../../src/internal/config.js';
