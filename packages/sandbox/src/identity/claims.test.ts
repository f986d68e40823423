import { describe, expect, it } from 'vitest';
import { loadPersonas } from '../personas.js';
import { personaClaims, regionName } from './claims.js';
import { loopbackRedirectAllowed, originAllowed } from './loopback.js';
import { pickLanguage } from './pages.js';
import { testPersonas } from './test-support.js';

function persona(sub: string) {
  const found = testPersonas.find((candidate) => candidate.sub === sub);
  if (!found) throw new Error(`No test persona ${sub}`);
  return found;
}

describe('region names on the login page', () => {
  it('names a county with its city, in Chinese and in English', () => {
    expect(regionName('330523', 'zh-CN')).toBe('湖州市安吉县');
    expect(regionName('330523', 'en')).toBe('Anji County, Huzhou');
    expect(regionName('330100', 'en')).toBe('Hangzhou');
  });

  it('knows the region of every seed persona, so no card shows a bare code', async () => {
    const unnamed = (await loadPersonas()).filter(
      (p) =>
        regionName(p.regionCode, 'zh-CN') === p.regionCode ||
        regionName(p.regionCode, 'en') === p.regionCode,
    );
    expect(unnamed.map((p) => `${p.sub} ${p.regionCode}`)).toEqual([]);
  });
});

describe('masking', () => {
  it('masks a person’s name but not an enterprise’s, whose representative is masked', () => {
    const business = persona('p-wuxing-business');
    expect(personaClaims(persona('p-xihu-elder'))).toMatchObject({
      name: '王*英',
      real_name: '王丽英',
    });
    expect(personaClaims(business)).toMatchObject({
      name: '湖州吴兴绿源茶业有限公司',
      legal_representative: '陈*国',
      credit_code: '913305************',
      verification_level: 1,
    });
    expect(personaClaims(business)).not.toHaveProperty('id_number');
    expect(personaClaims(persona('p-xihu-elder')).verification_level).toBe(2);
  });

  it('masks a Latin name to the first letter of each word, and the phone to 3 and 4 digits', () => {
    const resident = {
      ...persona('p-anji-driver'),
      name: 'Oliver Bennett',
      phone: '+86 138 0571 5678',
    };
    expect(personaClaims(resident)).toMatchObject({
      name: 'O***** B******',
      real_name: 'Oliver Bennett',
      phone_number: '138****5678',
    });
  });
});

describe('loopback redirect URIs (RFC 8252 §7.3)', () => {
  const registered = [
    'http://127.0.0.1/callback',
    'http://localhost/callback',
    'https://app.example/cb',
  ];

  it('matches any port for loopback URIs registered without one', () => {
    expect(loopbackRedirectAllowed('http://127.0.0.1:5173/callback', registered)).toBe(true);
    expect(loopbackRedirectAllowed('http://localhost:1/callback', registered)).toBe(true);
  });

  it('still requires the same host, path, query and scheme', () => {
    for (const uri of [
      'http://127.0.0.1:5173/callback/',
      'http://127.0.0.1:5173/other',
      'http://127.0.0.1:5173/callback?x=1',
      'http://127.0.0.1:5173/callback#x',
      'https://127.0.0.1:5173/callback',
      'http://localhost.evil.example:5173/callback',
      'http://[::1]:5173/callback',
      'https://app.example:8443/cb',
    ]) {
      expect(loopbackRedirectAllowed(uri, registered), uri).toBe(false);
    }
  });

  it('admits any port, path and query of a loopback host registered as a wildcard (http://127.0.0.1/*)', () => {
    const development = ['http://127.0.0.1/*', 'http://localhost/*', 'http://[::1]/*'];
    for (const uri of [
      'http://127.0.0.1:5173/',
      'http://127.0.0.1:8080/booking/index.html',
      'http://localhost:3000/any/path?with=query',
      'http://localhost/',
      'http://[::1]:4173/callback',
    ]) {
      expect(loopbackRedirectAllowed(uri, development), uri).toBe(true);
    }
    expect(originAllowed('http://[::1]:4173', development)).toBe(true);
    expect(originAllowed('http://localhost:3000', development)).toBe(true);
  });

  it('never admits another host, scheme or a fragment through a wildcard, nor a non-loopback wildcard', () => {
    const development = ['http://127.0.0.1/*', 'http://localhost/*', 'http://[::1]/*'];
    for (const uri of [
      'http://evil.example/',
      'http://evil.example:5173/callback',
      'http://127.0.0.1.evil.example/callback',
      'http://localhost.evil.example:5173/',
      'http://127.0.0.1@evil.example/',
      'http://user@127.0.0.1:5173/',
      'https://127.0.0.1:5173/',
      'http://127.0.0.2:5173/',
      'http://0.0.0.0:5173/',
      'http://127.0.0.1:5173/page#fragment',
      'javascript://127.0.0.1/%0aalert(1)',
    ]) {
      expect(loopbackRedirectAllowed(uri, development), uri).toBe(false);
    }
    for (const registered of [
      'https://app.example/*',
      'http://127.0.0.1:5173/*',
      'http://127.0.0.1/a/*',
    ]) {
      expect(loopbackRedirectAllowed('http://127.0.0.1:5173/a/b', [registered]), registered).toBe(
        false,
      );
    }
    expect(originAllowed('http://evil.example', development)).toBe(false);
  });

  it('allows CORS from registered origins and any port of a portless loopback host', () => {
    expect(originAllowed('http://127.0.0.1:5173', registered)).toBe(true);
    expect(originAllowed('https://app.example', registered)).toBe(true);
    expect(originAllowed('https://app.example:8443', registered)).toBe(false);
    expect(originAllowed('http://evil.example', registered)).toBe(false);
    expect(originAllowed('null', registered)).toBe(false);
    expect(originAllowed('http://127.0.0.1:5173/path', registered)).toBe(false);
  });
});

describe('page language', () => {
  it('prefers an explicit choice, then ui_locales, then Accept-Language, else zh-CN', () => {
    expect(pickLanguage('en', 'zh-CN', 'zh')).toBe('en');
    expect(pickLanguage(null, 'en-GB zh-CN', 'zh')).toBe('en');
    expect(pickLanguage(null, undefined, 'fr, en;q=0.5')).toBe('en');
    expect(pickLanguage(null, undefined, 'zh-TW,en;q=0.5')).toBe('zh-CN');
    expect(pickLanguage(null, undefined, 'fr')).toBe('zh-CN');
  });
});
