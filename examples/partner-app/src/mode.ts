import { configure } from '@zheli/elements';
import { auth, elementsClient } from './api.js';

/** 长辈版 (elder mode) or 标准版. */
export type Mode = 'standard' | 'elder';

const storageKey = 'partner-app:mode';

/**
 * The mode the page starts in: `?_uiStyle=elder` (the platform's app container asks for elder
 * mode), else the person's last choice on this device, else 标准版.
 */
export function initialMode(): Mode {
  if (new URLSearchParams(window.location.search).get('_uiStyle') === 'elder') return 'elder';
  try {
    return window.localStorage.getItem(storageKey) === 'elder' ? 'elder' : 'standard';
  } catch {
    return 'standard';
  }
}

/**
 * Applies a mode to the whole page: the `elder` class on `<html>` (the app's own CSS) and the
 * elements' `mode` through `configure()`. The elements read and write through the backend (its
 * `/api` proxy with the session cookie and the CSRF header) and sign in through it: no token
 * reaches them. `<ZheliConfig>` cannot say this (it builds a browser-mode client and auth from
 * attributes), so the page's `configure()`.
 */
export function applyMode(mode: Mode): void {
  document.documentElement.classList.toggle('elder', mode === 'elder');
  configure({ client: elementsClient, auth, locale: 'zh-CN', mode });
}

/** Applies a mode and keeps it for the next visit. */
export function chooseMode(mode: Mode): void {
  applyMode(mode);
  try {
    window.localStorage.setItem(storageKey, mode);
  } catch {
    // Storage refused (private mode, a policy): the choice lasts for this page only.
  }
}
