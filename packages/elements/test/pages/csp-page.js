import { configure } from '/dist/browser/zheli-elements.js';
import { auth, client } from '/test/pages/fake-client.js';

configure({ client, auth, locale: new URLSearchParams(location.search).get('locale') ?? 'zh-CN' });
