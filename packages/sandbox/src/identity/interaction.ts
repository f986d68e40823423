import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Provider } from 'oidc-provider';
import type { Persona, RegisteredClient } from '../personas.js';
import { apiScopes, supportedScopes } from './claims.js';
import { readBody, sendHtml } from './http.js';
import {
  consentPage,
  errorPage,
  loginPage,
  pickLanguage,
  stylesheet,
  stylesheetPath,
} from './pages.js';

/** Remembers a language chosen with the switch for the rest of the sign-in. */
const languageCookie = 'zheli_lang';

/** The header automated tests send on the GET of an interaction page to sign in at once. */
export const personaHeader = 'x-zheli-persona';

type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

export interface InteractionDeps {
  provider(): Provider;
  issuer: string;
  apiResource: string;
  personas: ReadonlyMap<string, Persona>;
  clients: ReadonlyMap<string, RegisteredClient>;
  formSecret: string;
}

/**
 * Serves `/interaction/:uid` (the persona chooser or the consent page), the form posts
 * `/interaction/:uid/{login,confirm,abort}` and the stylesheet. Form posts carry a token bound
 * to the interaction (an HMAC of its uid) and must come from the issuer's own origin: every
 * loopback port is the same *site*, so SameSite cookies alone would not stop another local app
 * from posting the forms.
 */
export function createInteractionHandler(deps: InteractionDeps) {
  const issuerOrigin = new URL(deps.issuer).origin;

  function csrfToken(uid: string): string {
    return createHmac('sha256', deps.formSecret).update(`interaction:${uid}`).digest('base64url');
  }

  function csrfValid(uid: string, token: string | null): boolean {
    if (!token) return false;
    const expected = Buffer.from(csrfToken(uid));
    const actual = Buffer.from(token);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  function sameOrigin(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    return origin === issuerOrigin || origin === `http://${req.headers.host}`;
  }

  function requestedScopes(interaction: Interaction): string[] {
    const scope = typeof interaction.params.scope === 'string' ? interaction.params.scope : '';
    return scope.split(' ').filter((s) => (supportedScopes as readonly string[]).includes(s));
  }

  /** The form targets a page's CSP allows: itself, and where the flow redirects the browser. */
  function formTargets(interaction: Interaction): string[] {
    const redirectUri = interaction.params.redirect_uri;
    const origin = typeof redirectUri === 'string' ? URL.parse(redirectUri)?.origin : undefined;
    return origin && origin !== 'null' ? [origin] : [];
  }

  /** Grants every requested scope: OpenID scopes and claims, and the API's scopes. */
  async function grantRequested(interaction: Interaction, accountId: string): Promise<string> {
    const provider = deps.provider();
    const clientId = String(interaction.params.client_id);
    const existing = interaction.grantId
      ? await provider.Grant.find(interaction.grantId)
      : undefined;
    const grant = existing ?? new provider.Grant({ accountId, clientId });
    const scopes = requestedScopes(interaction);
    grant.addOIDCScope(scopes.join(' '));
    const details = interaction.prompt.details as { missingOIDCClaims?: string[] };
    if (details.missingOIDCClaims?.length) grant.addOIDCClaims(details.missingOIDCClaims);
    const resourceScopes = scopes.filter((s) => (apiScopes as readonly string[]).includes(s));
    const resourceParam = interaction.params.resource;
    const resources = Array.isArray(resourceParam)
      ? resourceParam.map(String)
      : typeof resourceParam === 'string'
        ? [resourceParam]
        : [deps.apiResource];
    if (resourceScopes.length) {
      for (const resource of resources) grant.addResourceScope(resource, resourceScopes.join(' '));
    }
    return grant.save();
  }

  function clientName(interaction: Interaction): string {
    const client = deps.clients.get(String(interaction.params.client_id));
    return client?.client_name ?? String(interaction.params.client_id);
  }

  /** The page language: `?lang=` (remembered in a cookie for the next page), then ui_locales. */
  function language(req: IncomingMessage, res: ServerResponse, url: URL, interaction: Interaction) {
    const chosen = url.searchParams.get('lang');
    if (chosen === 'en' || chosen === 'zh-CN') {
      const existing = res.getHeader('set-cookie');
      res.setHeader('set-cookie', [
        ...(Array.isArray(existing) ? existing : existing ? [String(existing)] : []),
        `${languageCookie}=${chosen}; Path=/interaction; HttpOnly; SameSite=Lax; Max-Age=3600`,
      ]);
    }
    const remembered = new RegExp(`(?:^|;\\s*)${languageCookie}=(en|zh-CN)(?:;|$)`).exec(
      req.headers.cookie ?? '',
    )?.[1];
    const uiLocales = interaction.params.ui_locales;
    return pickLanguage(
      chosen ?? remembered,
      typeof uiLocales === 'string' ? uiLocales : undefined,
      req.headers['accept-language'],
    );
  }

  async function show(req: IncomingMessage, res: ServerResponse, url: URL, uid: string) {
    const provider = deps.provider();
    const interaction = await provider.interactionDetails(req, res);
    if (interaction.uid !== uid) throw new InteractionError('interaction_mismatch');
    const lang = language(req, res, url, interaction);
    // Elder mode, as the page that sent the person here asked (`_uiStyle=elder`, as 浙里办 does).
    const elder = interaction.params._uiStyle === 'elder';

    const headerPersona = req.headers[personaHeader];
    if (typeof headerPersona === 'string') {
      const persona = deps.personas.get(headerPersona);
      if (!persona) {
        sendHtml(res, 400, errorPage(lang, 'unknown_persona', `No persona "${headerPersona}"`));
        return;
      }
      const grantId = await grantRequested(interaction, persona.sub);
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: persona.sub }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
      return;
    }

    const csrf = csrfToken(uid);
    if (interaction.prompt.name === 'login') {
      const html = loginPage({
        lang,
        elder,
        uid,
        clientName: clientName(interaction),
        personas: [...deps.personas.values()],
        csrf,
      });
      sendHtml(res, 200, html, formTargets(interaction));
      return;
    }
    const accountId = interaction.session?.accountId;
    const persona = accountId ? deps.personas.get(accountId) : undefined;
    if (!persona) throw new InteractionError('unknown_persona');
    const html = consentPage({
      lang,
      elder,
      uid,
      clientName: clientName(interaction),
      persona,
      scopes: requestedScopes(interaction),
      csrf,
    });
    sendHtml(res, 200, html, formTargets(interaction));
  }

  async function submit(req: IncomingMessage, res: ServerResponse, uid: string, action: string) {
    const provider = deps.provider();
    const form = new URLSearchParams(await readBody(req));
    if (!sameOrigin(req) || !csrfValid(uid, form.get('csrf'))) {
      throw new InteractionError('invalid_form', 403);
    }
    const interaction = await provider.interactionDetails(req, res);
    if (interaction.uid !== uid) throw new InteractionError('interaction_mismatch');

    if (action === 'abort') {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'End-User aborted interaction' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (action === 'login') {
      const persona = deps.personas.get(form.get('sub') ?? '');
      if (!persona || interaction.prompt.name !== 'login') {
        throw new InteractionError('unknown_persona', 400);
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: persona.sub } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const accountId = interaction.session?.accountId;
    if (!accountId || interaction.prompt.name !== 'consent') {
      throw new InteractionError('consent_without_login', 400);
    }
    const grantId = await grantRequested(interaction, accountId);
    await provider.interactionFinished(
      req,
      res,
      { consent: { grantId } },
      { mergeWithLastSubmission: true },
    );
  }

  /** Handles a request under `/interaction/`; answers every such request. */
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', deps.issuer);
    if (url.pathname === stylesheetPath) {
      res.writeHead(200, {
        'content-type': 'text/css; charset=utf-8',
        'cache-control': 'public, max-age=3600',
        'x-content-type-options': 'nosniff',
      });
      res.end(req.method === 'HEAD' ? undefined : stylesheet);
      return;
    }
    const lang = pickLanguage(
      url.searchParams.get('lang'),
      undefined,
      req.headers['accept-language'],
    );
    const match = /^\/interaction\/([\w-]+)(?:\/(login|confirm|abort))?$/.exec(url.pathname);
    try {
      if (!match) throw new InteractionError('not_found', 404);
      const [, uid = '', action] = match;
      if (!action && (req.method === 'GET' || req.method === 'HEAD')) {
        await show(req, res, url, uid);
      } else if (action && req.method === 'POST') {
        await submit(req, res, uid, action);
      } else {
        throw new InteractionError('method_not_allowed', 405);
      }
    } catch (error) {
      if (res.headersSent) return;
      const status = error instanceof InteractionError ? error.status : 400;
      const code = error instanceof InteractionError ? error.message : 'invalid_request';
      // oidc-provider's SessionNotFound (expired or foreign interaction) lands here too.
      const description = error instanceof Error ? error.message : undefined;
      sendHtml(res, status, errorPage(lang, code, description === code ? undefined : description));
    }
  };
}

class InteractionError extends Error {
  override name = 'InteractionError' as const;
  readonly status: number;
  constructor(code: string, status = 400) {
    super(code);
    this.status = status;
  }
}
