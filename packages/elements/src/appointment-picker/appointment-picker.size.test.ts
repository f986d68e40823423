import { describe, expect, it } from 'vitest';
import { measure } from '../../scripts/size.mjs';

describe('<zheli-appointment-picker> bundle size (gzip, bundled and minified)', () => {
  it('keeps the picker entry with Lit, floating-ui, the QR code element and its encoder within 35 KB', async () => {
    const rows = await measure();
    const size = (name: string) => rows.find((row) => row.name === name)?.gzip ?? Number.NaN;
    expect(size('appointment-picker/define.js')).toBeLessThanOrEqual(35 * 1024);
    // NOT the budget: with `@zheli/client` the entry measures 50.6 KB, over the 35 KB the
    // issue asks for. The client and ky are 11.8 KB, and jose (5.2 KB) comes along eagerly because
    // the QR code's lazy `import('@zheli/client')` for `verify()` shares the module an app imports
    // statically. This guards against growth until that is solved (see the changeset).
    expect(size('appointment-picker/define.js + @zheli/client + configure')).toBeLessThanOrEqual(
      52 * 1024,
    );
    expect(size('appointment-picker/define.js + @zheli/client + configure')).toBeGreaterThan(
      size('appointment-picker/define.js'),
    );
  }, 60_000);
});
