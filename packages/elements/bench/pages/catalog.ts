// The catalog over 10,000 services, fed by the tests' in-page data (`FakeData`, no network): what
// is measured is the element's own rendering and virtualization while scrolling to the end.
import { configure } from '../../src/internal/configure.js';
import '../../src/service-catalog/define.js';
import { FakeData, service } from '../../test/fake-data.js';

const catalog = Array.from({ length: 10_000 }, (_, index) =>
  service({
    id: `svc-bench-${index}`,
    name: `服务${String(index).padStart(5, '0')}`,
    nameEn: `Service ${index}`,
  }),
);
configure({ client: new FakeData(catalog) });
