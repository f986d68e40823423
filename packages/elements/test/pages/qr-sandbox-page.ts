// The page of `qr-code.sandbox.test.ts`: the real client from `@zheli/client` configured for the
// sandbox whose URL the query carries, and `<zheli-qr-code>` registered.
import { createClient } from '@zheli/client';
import { configure } from '../../src/internal/configure.js';
import '../../src/qr-code/define.js';

const api = new URLSearchParams(location.search).get('api');
if (api !== null) configure({ client: createClient({ baseUrl: api }) });
