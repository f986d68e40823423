// The API reports and the API reference, from the built packages' declarations and their doc
// comments (api-extractor; the Markdown is rendered here from its doc model).
//
// - `docs/api/reports/<package>[-<entry>].api.md`: one report per entry point of every published
//   package (`exports` entries with types). A change of public surface is a change to a report,
//   so it shows in review.
// - `docs/api/reference/`: the Markdown reference the docs site serves.
//
// - `docs/api/undocumented.txt`: the exported symbols and members still without a doc comment.
//   It only shrinks: a symbol without a doc comment that the list does not name fails both the
//   check and the generation (write the comment; generating never adds to the list).
//
// `node scripts/api-reference.mjs --check` writes nothing and fails when a committed file is
// stale. Build the packages first (`npx turbo run build`): the reports are made from `dist/`.
import { mkdtempSync, rmSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { ApiModel } from '@microsoft/api-extractor-model';
import { publicPackages } from '../../scripts/public-packages.mjs';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(docs, '..');
const reports = join(docs, 'api', 'reports');
const reference = join(docs, 'api', 'reference');
const check = process.argv.includes('--check');

/** Every entry point with types: `{ pkg, subpath, dts, slug }`, slug naming its report. */
async function entryPoints() {
  const found = [];
  for (const pkg of await publicPackages(root)) {
    for (const [subpath, target] of Object.entries(pkg.manifest.exports ?? {})) {
      if (typeof target !== 'object' || !target.types) continue;
      const tail = subpath
        .replace(/^\.\/?/, '')
        .replace(/\.js$/, '')
        .replace(/\/define$/, '-define')
        .replaceAll('/', '-');
      found.push({
        pkg,
        subpath,
        importPath: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
        dts: join(pkg.dir, target.types),
        slug: tail ? `${pkg.folder}-${tail}` : pkg.folder,
      });
    }
  }
  return found;
}

const work = mkdtempSync(join(tmpdir(), 'zheli-api-'));
const models = join(work, 'models');
const reportOut = join(work, 'reports');
const undocumented = [];
let stale = false;

/** Writes the generated files into `target`, or (with `--check`) compares them with it. */
async function compare(generated, target, suffix) {
  const made = (await readdir(generated)).filter((name) => name.endsWith(suffix)).sort();
  const kept = (await readdir(target).catch(() => [])).filter((name) => name.endsWith(suffix));
  if (!check) {
    await rm(target, { recursive: true, force: true });
    await mkdir(target, { recursive: true });
  }
  for (const name of made) {
    const next = await readFile(join(generated, name), 'utf8');
    if (!check) await writeFile(join(target, name), next);
    else if ((await readFile(join(target, name), 'utf8').catch(() => null)) !== next) {
      process.stderr.write(
        `${relative(root, join(target, name))} is stale: run \`npm run generate -w @zheli/docs\`\n`,
      );
      stale = true;
    }
  }
  for (const name of kept.filter((name) => !made.includes(name))) {
    if (check) {
      process.stderr.write(
        `${relative(root, join(target, name))} is no longer generated: run \`npm run generate -w @zheli/docs\`\n`,
      );
      stale = true;
    }
  }
}

/**
 * Lit's lifecycle members that an element overrides keep Lit's documentation (an element's own
 * behaviour is in its class comment; `properties` declares the reactive properties, each
 * documented on its own field), and the contract's `operations` table is generated from
 * openapi.yaml, where each operation's summary and description live.
 */
const litLifecycle = new Set([
  'connectedCallback',
  'disconnectedCallback',
  'firstUpdated',
  'properties',
  'render',
  'styles',
  'updated',
  'willUpdate',
]);
function documentedElsewhere(entry, parent, name) {
  if (entry.importPath.startsWith('@zheli/elements') && /^Zheli[A-Za-z]+$/.test(parent))
    return litLifecycle.has(name);
  return entry.importPath === '@zheli/contract' && parent === 'operations';
}

const seen = new Set();
/** Each exported symbol and member without a summary, once, under the first entry point that exports it. */
function listUndocumented(entry, item, parent = '') {
  for (const member of item.members) {
    const name = parent ? `${parent}.${member.displayName}` : member.displayName;
    const key = `${member.kind} ${name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (
      !member.tsdocComment?.summarySection.getChildNodes().length &&
      !documentedElsewhere(entry, parent, member.displayName)
    )
      undocumented.push(`${entry.importPath}: ${name}`);
    if (member.kind === 'Class' || member.kind === 'Interface' || member.kind === 'Namespace')
      listUndocumented(entry, member, name);
  }
}

// --- The reference: one page per entry point, from the doc model. ---

const kindOrder = ['Class', 'Function', 'Interface', 'TypeAlias', 'Variable', 'Enum', 'Namespace'];
const kindWords = {
  Class: 'class',
  Function: 'function',
  Interface: 'interface',
  TypeAlias: 'type',
  Variable: 'constant',
  Enum: 'enum',
  Namespace: 'namespace',
};

/** Prose for Markdown inside `::: v-pre`: no raw HTML (a tag in prose is text). */
const text = (value) =>
  value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** A TSDoc node as Markdown (the kinds the packages' comments use). */
function markdown(node) {
  if (!node) return '';
  switch (node.kind) {
    case 'PlainText':
      return text(node.text);
    case 'SoftBreak':
      return ' ';
    case 'CodeSpan':
      return `\`${node.code}\``;
    case 'FencedCode':
      return `\n\n\`\`\`${node.language}\n${node.code.replace(/\n$/, '')}\n\`\`\`\n\n`;
    case 'LinkTag': {
      const label =
        node.linkText ??
        node.urlDestination ??
        node.codeDestination?.memberReferences
          .map((ref) => ref.memberIdentifier?.identifier ?? '')
          .join('.');
      return node.urlDestination ? `[${text(label)}](${node.urlDestination})` : `\`${label}\``;
    }
    case 'Paragraph':
      return `${node.nodes.map(markdown).join('').trim()}\n\n`;
    case 'EscapedText':
      return text(node.decodedText);
    case 'HtmlStartTag':
    case 'HtmlEndTag':
      return '';
    default:
      return (node.getChildNodes?.() ?? []).map(markdown).join('');
  }
}

const section = (nodeSection) => (nodeSection ? markdown(nodeSection).trim() : '');

function documentation(item) {
  const comment = item.tsdocComment;
  if (!comment) return '';
  const out = [section(comment.summarySection)];
  if (comment.deprecatedBlock)
    out.push(`**Deprecated.** ${section(comment.deprecatedBlock.content)}`);
  if (comment.remarksBlock) out.push(section(comment.remarksBlock.content));
  const params = comment.params.blocks.map(
    (block) => `- \`${block.parameterName}\`: ${section(block.content)}`,
  );
  if (params.length > 0) out.push(`**Parameters**\n\n${params.join('\n')}`);
  if (comment.returnsBlock) out.push(`**Returns** ${section(comment.returnsBlock.content)}`);
  for (const block of comment.customBlocks) {
    const tag = block.blockTag.tagName;
    const body = section(block.content);
    if (tag === '@example') out.push(`**Example**\n\n${body}`);
    else if (tag === '@default' || tag === '@defaultValue') out.push(`**Default** ${body}`);
    else if (tag === '@throws') out.push(`**Throws** ${body}`);
  }
  return out.filter(Boolean).join('\n\n');
}

function signature(item) {
  const code = item.getExcerptWithModifiers?.() ?? item.excerpt?.text ?? '';
  return code.trim() ? `\`\`\`ts\n${code.trim()}\n\`\`\`` : '';
}

function renderMember(member) {
  return [`### ${member.displayName}`, signature(member), documentation(member)]
    .filter(Boolean)
    .join('\n\n');
}

function renderItem(item) {
  const parts = [`## ${item.displayName}`, `<small>${kindWords[item.kind] ?? item.kind}</small>`];
  parts.push(signature(item), documentation(item));
  const members = (item.members ?? []).filter((member) => member.displayName);
  for (const member of members) parts.push(renderMember(member));
  return parts.filter(Boolean).join('\n\n');
}

function renderEntry(entry, apiPackage) {
  const items = [...apiPackage.entryPoints[0].members].sort(
    (a, b) =>
      kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) ||
      a.displayName.localeCompare(b.displayName),
  );
  const about = section(apiPackage.tsdocComment?.summarySection);
  return `${[
    '<!-- Generated by docs/scripts/api-reference.mjs from the doc comments: do not edit. -->',
    `# ${entry.importPath}`,
    '::: v-pre',
    about || text(entry.pkg.manifest.description ?? ''),
    `\`\`\`ts\nimport { … } from '${entry.importPath}';\n\`\`\``,
    items.length === 0
      ? 'This entry point exports no names: importing it registers its elements.'
      : '',
    ...items.map(renderItem),
    ':::',
  ]
    .filter(Boolean)
    .join('\n\n')}\n`;
}

function renderIndex(entries) {
  const lines = entries.map(
    (entry) =>
      `- [\`${entry.importPath}\`](./${entry.slug}.md): ${text(entry.pkg.manifest.description ?? '')}`,
  );
  return `<!-- Generated by docs/scripts/api-reference.mjs: do not edit. -->\n\n# API reference\n\nEvery entry point of every published package, from the doc comments in its source. The API reports in [docs/api/reports](https://github.com/zheli-sdk/zheli-sdk/tree/main/docs/api/reports) show the same surface as declarations, for review.\n\n${lines.join('\n')}\n`;
}

const problems = [];
try {
  for (const entry of await entryPoints()) {
    const config = ExtractorConfig.prepare({
      configObjectFullPath: join(entry.pkg.dir, 'api-extractor.json'),
      packageJsonFullPath: join(entry.pkg.dir, 'package.json'),
      configObject: {
        projectFolder: entry.pkg.dir,
        mainEntryPointFilePath: entry.dts,
        bundledPackages: [],
        compiler: {
          overrideTsconfig: {
            compilerOptions: {
              target: 'ES2023',
              lib: ['ES2023', 'DOM', 'DOM.Iterable'],
              module: 'NodeNext',
              moduleResolution: 'NodeNext',
              strict: true,
              skipLibCheck: true,
              types: ['node'],
            },
            files: [entry.dts],
          },
        },
        apiReport: {
          enabled: true,
          reportFileName: entry.slug,
          reportFolder: reportOut,
          reportTempFolder: join(work, 'temp'),
          includeForgottenExports: false,
        },
        docModel: {
          enabled: true,
          apiJsonFilePath: join(models, `${entry.slug}.api.json`),
        },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        newlineKind: 'lf',
        messages: {
          compilerMessageReporting: { default: { logLevel: 'warning' } },
          extractorMessageReporting: {
            default: { logLevel: 'warning' },
            // The packages carry no release tags (@public, @beta): everything exported is public.
            'ae-missing-release-tag': { logLevel: 'none' },
            // An exported type that its entry point does not export by name is fine: the report
            // shows it where it is used.
            'ae-forgotten-export': { logLevel: 'none' },
            // Read from the doc model below, once per symbol rather than once per entry point.
            'ae-undocumented': { logLevel: 'none' },
          },
          tsdocMessageReporting: { default: { logLevel: 'none' } },
        },
      },
    });
    await mkdir(models, { recursive: true });
    await mkdir(reportOut, { recursive: true });
    const result = Extractor.invoke(config, {
      localBuild: true,
      showVerboseMessages: false,
      messageCallback(message) {
        message.handled = true;
        if (message.logLevel === 'none') return;
        const where = message.sourceFilePath
          ? `${relative(root, message.sourceFilePath)}:${message.sourceFileLine}`
          : entry.importPath;
        const line = `${entry.importPath}: ${where}: ${message.text}`;
        if (message.messageId.startsWith('console-')) return;
        if (message.logLevel === 'error' || message.logLevel === 'warning')
          problems.push(`${line} (${message.messageId})`);
      },
    });
    if (!result.succeeded && result.errorCount > 0)
      problems.push(`${entry.importPath}: api-extractor failed (${result.errorCount} errors)`);
  }
  await compare(reportOut, reports, '.api.md');
  const pages = join(work, 'reference');
  await mkdir(pages, { recursive: true });
  const entries = await entryPoints();
  for (const entry of entries) {
    const apiPackage = new ApiModel().loadPackage(join(models, `${entry.slug}.api.json`));
    await writeFile(join(pages, `${entry.slug}.md`), renderEntry(entry, apiPackage));
    listUndocumented(entry, apiPackage.entryPoints[0]);
  }
  await writeFile(join(pages, 'index.md'), renderIndex(entries));
  await compare(pages, reference, '.md');
} finally {
  rmSync(work, { recursive: true, force: true });
}

for (const line of problems) process.stderr.write(`${line}\n`);
const listed = join(docs, 'api', 'undocumented.txt');
const before = await readFile(listed, 'utf8').catch(() => null);
const known = new Set((before ?? '').split('\n').filter(Boolean));
// The first generation lists what it finds; after that the list only loses names.
const stillUndocumented = [...new Set(undocumented)].filter(
  (line) => before === null || known.has(line),
);
const found = `${stillUndocumented.sort().join('\n')}\n`;
const added = [...new Set(undocumented)].filter((line) => before !== null && !known.has(line));
if (added.length > 0) {
  process.stderr.write(
    `Exported symbols without a doc comment (write one in the package's source):\n${added.join('\n')}\n`,
  );
  problems.push('undocumented');
}
if (check && before !== found && added.length === 0) {
  process.stderr.write(
    'docs/api/undocumented.txt lists symbols that now have doc comments: run `npm run generate -w @zheli/docs`\n',
  );
  stale = true;
}
if (!check) await writeFile(listed, found);
if (problems.length > 0 || stale) process.exit(1);
process.stdout.write(
  `API reports and reference ${check ? 'are up to date' : 'written'}: ${(await entryPoints()).length} entry points\n`,
);
