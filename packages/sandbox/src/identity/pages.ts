import type { Persona } from '../personas.js';
import { regionName, supportedScopes } from './claims.js';

/** The languages the sign-in pages speak. */
export type PageLanguage = 'zh-CN' | 'en';

/** Where the pages' only stylesheet is served (same origin, so `default-src 'self'` allows it). */
export const stylesheetPath = '/interaction/static/style.css';

const text = {
  'zh-CN': {
    brand: '浙里办 · 开发沙箱',
    switchLabel: '语言',
    switchTo: 'English',
    switchLang: 'en',
    loginTitle: '选择测试身份登录',
    loginIntro: (client: string) =>
      `「${client}」请求你登录。这里是开发沙箱，下列身份均为虚构的测试身份。`,
    personasLegend: '测试身份',
    signIn: '登录',
    cancel: '取消',
    consentTitle: (client: string) => `「${client}」请求以下权限`,
    consentSignedInAs: (name: string) => `当前身份：${name}`,
    consentScopes: '它将能够：',
    allow: '同意',
    deny: '拒绝',
    kindEnterprise: '企业',
    logoutTitle: '退出登录',
    logoutQuestion: (host: string) => `要退出 ${host} 上的登录吗？`,
    logoutYes: '退出登录',
    logoutNo: '保持登录',
    loggedOutTitle: '已退出登录',
    loggedOut: '你已退出登录，可以关闭此页面。',
    errorTitle: '出错了',
    errorIntro: '登录请求无法完成。',
  },
  en: {
    brand: 'Zheliban · developer sandbox',
    switchLabel: 'Language',
    switchTo: '中文',
    switchLang: 'zh-CN',
    loginTitle: 'Sign in as a test persona',
    loginIntro: (client: string) =>
      `${client} asks you to sign in. This is the developer sandbox: every persona below is fictitious.`,
    personasLegend: 'Test personas',
    signIn: 'Sign in',
    cancel: 'Cancel',
    consentTitle: (client: string) => `${client} asks for your permission`,
    consentSignedInAs: (name: string) => `Signed in as ${name}`,
    consentScopes: 'It will be able to:',
    allow: 'Allow',
    deny: 'Deny',
    kindEnterprise: 'Enterprise',
    logoutTitle: 'Sign out',
    logoutQuestion: (host: string) => `Do you want to sign out of ${host}?`,
    logoutYes: 'Sign out',
    logoutNo: 'Stay signed in',
    loggedOutTitle: 'Signed out',
    loggedOut: 'You are signed out. You can close this page.',
    errorTitle: 'Something went wrong',
    errorIntro: 'The sign-in request could not be completed.',
  },
} as const;

/** What each scope lets a client do, in plain language (the consent page lists these). */
const scopeText: Record<(typeof supportedScopes)[number], Record<PageLanguage, string>> = {
  openid: {
    'zh-CN': '用你的浙里办账号登录（获得账号标识）',
    en: 'Sign you in with your Zheliban account (your account ID)',
  },
  offline_access: {
    'zh-CN': '保持登录状态，无需你每次重新登录',
    en: 'Keep you signed in without asking again',
  },
  profile: {
    'zh-CN': '查看基本资料：姓名（部分隐藏）、语言、所在地区，并为你推荐政策和服务',
    en: 'See your basic profile (name partly hidden, language, region) and recommend policies and services',
  },
  phone: {
    'zh-CN': '查看你的手机号（部分隐藏）',
    en: 'See your mobile number (partly hidden)',
  },
  identity: {
    'zh-CN': '查看实名信息：真实姓名、身份证号（部分隐藏）和认证等级',
    en: 'See your real-name identity: full name, ID number (partly hidden) and verification level',
  },
  appointments: {
    'zh-CN': '查看、预约、取消和改约你的办事预约',
    en: 'See, book, cancel and reschedule your appointments',
  },
  codes: {
    'zh-CN': '为你生成个人服务码和预约凭证',
    en: 'Issue your personal service code and appointment tickets',
  },
  evaluations: {
    'zh-CN': '查看你办理过的事项，并提交你的评价',
    en: 'See the matters you had handled and submit your ratings',
  },
  applications: {
    'zh-CN': '查看你的电子证照（部分隐藏），保存、提交和查询你的“一件事”申请',
    en: 'See your documents on file (partly hidden), and save, submit and follow your one-matter applications',
  },
  points: {
    'zh-CN': '查看你和你家庭的村信治积分及明细，并在积分超市兑换',
    en: "See your and your household's village points and their history, and redeem them at the points shop",
  },
  'points:record': {
    'zh-CN': '以村务工作者身份为村民登记积分',
    en: 'Record points for villagers as a village officer',
  },
};

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * Picks the page language: an explicit `lang` choice, then the request's `ui_locales`, then
 * `Accept-Language`; Simplified Chinese when nothing matches.
 */
export function pickLanguage(
  choice: string | null | undefined,
  uiLocales: string | undefined,
  acceptLanguage: string | undefined,
): PageLanguage {
  if (choice === 'en' || choice === 'zh-CN') return choice;
  const candidates = [
    ...(uiLocales?.split(/\s+/) ?? []),
    ...(acceptLanguage
      ?.split(',')
      .map((part) => part.split(';')[0]?.trim() ?? '')
      .filter(Boolean) ?? []),
  ];
  for (const tag of candidates) {
    const lower = tag.toLowerCase();
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
  }
  return 'zh-CN';
}

interface LayoutInput {
  lang: PageLanguage;
  title: string;
  body: string;
  /** The same page in the other language; no switch when absent. */
  switchHref?: string;
  /** Elder mode (适老化, `_uiStyle=elder` on the authorization request): larger text and targets. */
  elder?: boolean;
}

function layout({ lang, title, body, switchHref, elder = false }: LayoutInput): string {
  const t = text[lang];
  const languageSwitch = switchHref
    ? `<nav aria-label="${t.switchLabel}"><a class="switch" href="${escapeHtml(switchHref)}" lang="${t.switchLang}" hreflang="${t.switchLang}">${t.switchTo}</a></nav>`
    : '';
  return `<!doctype html>
<html lang="${lang}"${elder ? ' class="elder"' : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} · ${t.brand}</title>
<link rel="stylesheet" href="${stylesheetPath}">
</head>
<body>
<header class="bar"><p class="brand">${t.brand}</p>${languageSwitch}</header>
<main id="main">
${body}
</main>
</body>
</html>
`;
}

/** The client's display name, marked as Chinese text on English pages. */
function clientLabel(name: string, lang: PageLanguage): string {
  const escaped = escapeHtml(name);
  return lang === 'en' && /\p{Script=Han}/u.test(name)
    ? `<span lang="zh-CN">${escaped}</span>`
    : escaped;
}

function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
}

export interface LoginPageInput {
  lang: PageLanguage;
  /** Elder mode, as the authorization request asked (`_uiStyle=elder`). */
  elder?: boolean;
  uid: string;
  clientName: string;
  personas: Persona[];
  csrf: string;
}

/** The persona chooser: a radio group of persona cards and one sign-in button. */
export function loginPage({
  lang,
  elder,
  uid,
  clientName,
  personas,
  csrf,
}: LoginPageInput): string {
  const t = text[lang];
  const base = `/interaction/${encodeURIComponent(uid)}`;
  const cards = personas
    .map((persona, index) => {
      const id = `persona-${index}`;
      const name = lang === 'en' ? persona.nameEn || persona.name : persona.name;
      const description = lang === 'en' ? persona.descriptionEn : persona.description;
      const kind =
        persona.kind === 'enterprise' ? `<span class="tag">${t.kindEnterprise}</span> ` : '';
      return `<li class="persona">
<input type="radio" name="sub" id="${id}" value="${escapeHtml(persona.sub)}" required aria-describedby="${id}-about">
<label for="${id}"><span class="persona-name">${kind}${escapeHtml(name)}</span>
<span class="persona-region">${escapeHtml(regionName(persona.regionCode, lang))}</span></label>
<p class="persona-about" id="${id}-about">${escapeHtml(description)}</p>
</li>`;
    })
    .join('\n');
  const body = `<h1>${t.loginTitle}</h1>
<p class="intro">${t.loginIntro(clientLabel(clientName, lang))}</p>
<form method="post" action="${base}/login" class="stack">
${hidden('csrf', csrf)}${hidden('lang', lang)}
<fieldset>
<legend>${t.personasLegend}</legend>
<ul class="personas">
${cards}
</ul>
</fieldset>
<div class="actions">
<button type="submit" class="primary">${t.signIn}</button>
<button type="submit" class="secondary" formaction="${base}/abort" formnovalidate>${t.cancel}</button>
</div>
</form>`;
  return layout({
    lang,
    elder,
    title: t.loginTitle,
    body,
    switchHref: `${base}?lang=${t.switchLang}`,
  });
}

export interface ConsentPageInput {
  lang: PageLanguage;
  /** Elder mode, as the authorization request asked (`_uiStyle=elder`). */
  elder?: boolean;
  uid: string;
  clientName: string;
  persona: Persona;
  scopes: string[];
  csrf: string;
}

/** The consent page: the requested scopes in plain language, Allow and Deny. */
export function consentPage(input: ConsentPageInput): string {
  const { lang, elder, uid, clientName, persona, scopes, csrf } = input;
  const t = text[lang];
  const base = `/interaction/${encodeURIComponent(uid)}`;
  const name = lang === 'en' ? persona.nameEn || persona.name : persona.name;
  const items = supportedScopes
    .filter((scope) => scopes.includes(scope))
    .map((scope) => `<li>${escapeHtml(scopeText[scope][lang])}</li>`)
    .join('\n');
  const body = `<h1>${t.consentTitle(clientLabel(clientName, lang))}</h1>
<p class="intro">${escapeHtml(t.consentSignedInAs(name))}</p>
<h2>${t.consentScopes}</h2>
<ul class="scopes">
${items}
</ul>
<form method="post" action="${base}/confirm" class="actions">
${hidden('csrf', csrf)}${hidden('lang', lang)}
<button type="submit" class="primary">${t.allow}</button>
<button type="submit" class="secondary" formaction="${base}/abort">${t.deny}</button>
</form>`;
  return layout({
    lang,
    elder,
    title: t.consentTitle(clientName),
    body,
    switchHref: `${base}?lang=${t.switchLang}`,
  });
}

/** RP-initiated logout: the provider's form (with its own CSRF field) and our buttons. */
export function logoutPage(lang: PageLanguage, host: string, form: string): string {
  const t = text[lang];
  const body = `<h1>${t.logoutTitle}</h1>
<p class="intro">${escapeHtml(t.logoutQuestion(host))}</p>
${form}
<div class="actions">
<button type="submit" class="primary" form="op.logoutForm" value="yes" name="logout">${t.logoutYes}</button>
<button type="submit" class="secondary" form="op.logoutForm">${t.logoutNo}</button>
</div>`;
  return layout({ lang, title: t.logoutTitle, body });
}

export function loggedOutPage(lang: PageLanguage): string {
  const t = text[lang];
  return layout({
    lang,
    title: t.loggedOutTitle,
    body: `<h1>${t.loggedOutTitle}</h1>\n<p class="intro">${t.loggedOut}</p>`,
  });
}

export function errorPage(lang: PageLanguage, error: string, description?: string): string {
  const t = text[lang];
  const details = `<dl class="error"><dt>error</dt><dd><code>${escapeHtml(error)}</code></dd>${
    description ? `<dt>error_description</dt><dd lang="en">${escapeHtml(description)}</dd>` : ''
  }</dl>`;
  return layout({
    lang,
    title: t.errorTitle,
    body: `<h1>${t.errorTitle}</h1>\n<p class="intro">${t.errorIntro}</p>\n${details}`,
  });
}

/**
 * The pages' stylesheet. System fonts only (nothing fetched from elsewhere); text at least
 * 4.5:1 against its background (the body text is about 16:1, the buttons about 7:1); targets at
 * least 44 px high; a visible focus ring on everything focusable. In elder mode (`.elder` on the
 * root): no text under 18 px, 48 px targets (the radio buttons too), 7:1 contrast.
 */
export const stylesheet = `:root{color-scheme:light;--ink:#1a1a1a;--muted:#474747;--brand:#0b57d0;--brand-dark:#0842a0;--line:#767676;--paper:#ffffff;--wash:#f3f6fb;--focus:#b3261e}
*{box-sizing:border-box}
html{font-size:100%}
body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;line-height:1.6;color:var(--ink);background:var(--wash)}
.bar{display:flex;justify-content:space-between;align-items:center;gap:1rem;padding:.75rem 1.25rem;background:var(--paper);border-bottom:1px solid var(--line)}
.brand{margin:0;font-weight:700}
.switch{display:inline-flex;align-items:center;min-height:44px;padding:0 .75rem;color:var(--brand);font-weight:600}
main{max-width:40rem;margin:1.5rem auto;padding:1.5rem;background:var(--paper);border:1px solid var(--line);border-radius:.5rem}
h1{font-size:1.5rem;line-height:1.3;margin:0 0 .75rem}
h2{font-size:1.125rem;margin:1.25rem 0 .5rem}
.intro{margin:0 0 1rem;color:var(--muted)}
fieldset{border:0;margin:0;padding:0}
legend{font-weight:700;margin-bottom:.5rem}
.personas,.scopes{list-style:none;margin:0;padding:0;display:grid;gap:.75rem}
.persona{display:grid;grid-template-columns:auto 1fr;column-gap:.75rem;padding:.75rem 1rem;border:1px solid var(--line);border-radius:.5rem;background:var(--paper)}
.persona:has(input:checked){border:2px solid var(--brand);background:var(--wash)}
.persona:has(input:focus-visible){outline:3px solid var(--focus);outline-offset:2px}
.persona input{width:1.5rem;height:1.5rem;margin:.2rem 0 0;accent-color:var(--brand)}
.persona label{display:flex;flex-wrap:wrap;gap:.25rem .75rem;align-items:baseline;min-height:44px;cursor:pointer}
.persona-name{font-size:1.125rem;font-weight:700}
.persona-region{color:var(--muted)}
.persona-about{grid-column:2;margin:0;color:var(--muted)}
.tag{display:inline-block;padding:0 .4rem;border:1px solid var(--muted);border-radius:.25rem;font-size:.875rem;font-weight:600}
.scopes li{padding:.5rem .75rem;border-left:4px solid var(--brand);background:var(--wash)}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1.5rem}
button{min-height:48px;min-width:8rem;padding:.5rem 1.5rem;font:inherit;font-weight:700;border-radius:.375rem;cursor:pointer}
.primary{color:#fff;background:var(--brand);border:2px solid var(--brand)}
.primary:hover{background:var(--brand-dark);border-color:var(--brand-dark)}
.secondary{color:var(--brand);background:var(--paper);border:2px solid var(--brand)}
a:focus-visible,button:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.error dt{font-weight:700}
.error dd{margin:0 0 .5rem}
@media (forced-colors:active){.persona:has(input:checked){border-color:Highlight}}
.elder{font-size:125%;--brand:#0842a0;--brand-dark:#062f66;--muted:#2b2b2b}
.elder .tag{font-size:.9rem}
.elder .switch,.elder .persona label{min-height:48px}
.elder .persona input{width:2.4rem;height:2.4rem;margin:0}
.elder .persona{align-items:center}
`;
