// Defines the elements only after a pause, so the page is first laid out with undefined tags,
// then with loading skeletons, then with the services: none of it may shift anything.
import { client } from '/test/pages/fake-client.js';

setTimeout(async () => {
  const { configure } = await import('/dist/browser/zheli-elements.js');
  configure({ client });
}, 300);
