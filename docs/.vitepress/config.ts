// The docs site. Pages are picked up by folder, so a guide added to docs/ (or to a new folder
// in it) shows in the sidebar without editing this file; its title is its first `# ` heading.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DefaultTheme, defineConfig } from 'vitepress';

const docs = fileURLToPath(new URL('..', import.meta.url));

/** Folders that are not guides: tooling, generated reference (listed on its own), translations. */
const notGuides = new Set(['.vitepress', 'api', 'node_modules', 'public', 'scripts', 'zh-CN']);

function title(file: string): string {
  const heading = /^# (.+)$/m.exec(readFileSync(file, 'utf8'))?.[1] ?? basename(file, '.md');
  // The sidebar renders its text as HTML: a tag name in a title must stay text.
  return heading.replaceAll('`', '').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The pages of one folder, `index.md` first, then by file name. */
function pages(folder: string, link: string): DefaultTheme.SidebarItem[] {
  return readdirSync(join(docs, folder))
    .filter((name) => name.endsWith('.md') && !name.endsWith('.api.md'))
    .sort((a, b) => Number(b === 'index.md') - Number(a === 'index.md') || a.localeCompare(b))
    .filter((name) => !(folder === '' && name === 'index.md'))
    .map((name) => ({
      text: title(join(docs, folder, name)),
      link: `${link}${name === 'index.md' ? '' : name.replace(/\.md$/, '')}`,
    }));
}

const folderTitles: Record<string, string> = {
  frameworks: 'Frameworks',
  decisions: 'Decisions',
};

function englishSidebar(): DefaultTheme.SidebarItem[] {
  const folders = readdirSync(docs)
    .filter((name) => !notGuides.has(name) && statSync(join(docs, name)).isDirectory())
    .sort();
  return [
    { text: 'Guides', items: pages('', '/') },
    ...folders.map((folder) => ({
      text: folderTitles[folder] ?? folder[0]?.toUpperCase() + folder.slice(1),
      collapsed: folder === 'decisions',
      items: pages(folder, `/${folder}/`),
    })),
    { text: 'Elements', collapsed: true, items: pages('api/elements', '/api/elements/') },
    { text: 'API reference', collapsed: true, items: pages('api/reference', '/api/reference/') },
  ];
}

export default defineConfig({
  title: 'Zheli SDK',
  description: 'Plug any app or website into the provincial government service platform.',
  srcExclude: ['api/reports/**', 'scripts/**', 'node_modules/**', 'README.md'],
  // A dead link fails the build (VitePress's default, kept on purpose).
  ignoreDeadLinks: false,
  lastUpdated: false,
  vue: {
    template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('zheli-') } },
  },
  locales: {
    root: {
      label: 'English',
      lang: 'en',
      themeConfig: {
        nav: [
          { text: 'Guides', link: '/elements' },
          { text: 'Elements', link: '/api/elements/' },
          { text: 'API', link: '/api/reference/' },
          { text: 'Live examples', link: '/examples' },
        ],
        sidebar: englishSidebar(),
      },
    },
    'zh-CN': {
      label: '简体中文',
      lang: 'zh-CN',
      link: '/zh-CN/',
      themeConfig: {
        nav: [{ text: '指南', link: '/zh-CN/county-site' }],
        sidebar: [{ text: '县级网站团队', items: pages('zh-CN', '/zh-CN/') }],
      },
    },
  },
  themeConfig: {
    search: { provider: 'local' },
    outline: { level: [2, 3] },
  },
});
