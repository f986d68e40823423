import { readFile } from 'node:fs/promises';

/** A test persona: a fictitious resident or enterprise that can sign in to the sandbox. */
export interface Persona {
  /** Stable subject identifier, e.g. `p-anji-driver`. */
  sub: string;
  /**
   * A resident (`person`) or a company (`enterprise`): the profile's `kind`. A person's name is
   * masked wherever it is released, an enterprise's is not; an enterprise's `idNumber` is its
   * legal representative's.
   */
  kind: 'person' | 'enterprise';
  /** Full name in Chinese (a company name for enterprises). */
  name: string;
  /** The name in Latin letters (pinyin, or the English name), shown on the English sign-in page. */
  nameEn: string;
  /**
   * For the persona's records only: the sandbox releases no gender claim. Absent for enterprises.
   */
  gender?: 'female' | 'male' | null;
  /** `YYYY-MM-DD`; `null` for enterprises. */
  birthDate: string | null;
  /** 18-character resident ID number (GB 11643), or `null`. */
  idNumber: string | null;
  /**
   * Mobile number, 11 digits (`13800000001`); released masked (`138****0001`) under the `phone`
   * scope, as the `phone_number` claim and the profile's `phone`.
   */
  phone: string;
  /** GB/T 2260 code of the region the persona is registered in. */
  regionCode: string;
  /** The persona's language: the `locale` claim and the profile's `locale`. */
  locale: 'zh-CN' | 'zh-TW' | 'en';
  /**
   * One line on who the persona is and what it is for, shown under its name on the sign-in page.
   */
  description: string;
  /** {@link Persona.description} in English, for the English sign-in page. */
  descriptionEn: string;
  /** Unified social credit code, enterprises only. */
  creditCode?: string;
  /**
   * The legal representative's full name, enterprises only: released masked (`李*`) as the
   * `legal_representative` claim and in the profile's `enterprise`.
   */
  legalRepresentative?: string;
  /** What the platform knows about the persona, driving recommendations. */
  facts: PersonaFacts;
}

/** Facts the platform holds about a persona (all optional). */
export interface PersonaFacts {
  /** Lives alone: with an age of 70 or more, the home care subsidy is recommended. */
  livesAlone?: boolean;
  /**
   * The vehicles registered to the persona: plate (`浙E·A1234`), type (`small_car`), dates as
   * `YYYY-MM-DD`. An inspection due within 60 days (or overdue) is recommended for booking.
   */
  vehicles?: { plate: string; type: string; registeredOn: string; inspectionDue: string }[];
  /**
   * The persona's children, names in full and birth dates as `YYYY-MM-DD`: they drive the birth,
   * school enrolment and student aid recommendations and the birth certificates among the
   * persona's documents.
   */
  children?: { name: string; birthDate: string }[];
  /**
   * The village the persona is registered in (`高家堂村`), informational: the points ledger's
   * villages and households come from `data/points.json`.
   */
  village?: string;
  /**
   * The persona's village governance points (信治积分) as the recommender reads them; above 0,
   * the points shop is recommended. The ledger's own balances are in `data/points.json`.
   */
  creditPoints?: number;
  /**
   * The day the persona lost their job (`YYYY-MM-DD`); set, unemployment benefits are recommended.
   */
  unemployedSince?: string;
  /**
   * Housing provident fund balance in fen (0.01 CNY); with `renting`, a rent withdrawal is
   * recommended.
   */
  providentFundBalance?: number;
  /** Rents the home the persona lives in (owns none). */
  renting?: boolean;
  /** How many people an enterprise employs. */
  employees?: number;
  /**
   * Any other fact the personas file holds (`ownsHome`, `veteran`, `disability`, …), read by the
   * rules that know it.
   */
  [fact: string]: unknown;
}

/** A client registered with the sandbox's OIDC provider. */
export interface RegisteredClient {
  /** The id the client signs in with (`partner-app`, `county-site`): its `client_id`. */
  client_id: string;
  /** The name the sign-in and consent pages show the person (`车管家（示例合作应用）`). */
  client_name: string;
  /**
   * `none` for public clients (PKCE), `client_secret_basic` or `client_secret_post` for
   * confidential ones with a secret, `private_key_jwt` for those that sign an assertion.
   */
  token_endpoint_auth_method:
    | 'none'
    | 'client_secret_basic'
    | 'client_secret_post'
    | 'private_key_jwt';
  /**
   * The shared secret of a `client_secret_basic` or `client_secret_post` client; absent for
   * public and `private_key_jwt` clients.
   */
  client_secret?: string;
  /** The public keys a `private_key_jwt` client signs its assertions with. */
  jwks?: { keys: Record<string, unknown>[] };
  /**
   * Where the provider may send the browser back after sign-in: exact URLs; a loopback URL
   * without a port (`http://127.0.0.1/callback`) matches any port; `http://127.0.0.1/*` (and
   * `localhost`, `[::1]`) any page of that host. Their origins may also call `/oidc/me`.
   */
  redirect_uris: string[];
  /**
   * Where RP-initiated logout may send the browser after signing out, matched the same way; none
   * when absent.
   */
  post_logout_redirect_uris?: string[];
  /**
   * The OAuth grants the client may use (`authorization_code`, `refresh_token`); the
   * platform's ticket exchange is added for every client.
   */
  grant_types: string[];
  /** The authorization response types the client may ask for: `['code']`. */
  response_types: string[];
  /** Scopes the client may ask for. */
  scope: string;
}

const dataDir = new URL('../data/', import.meta.url);

/** Reads personas from a JSON file (an array), by default the bundled `data/personas.json`. */
export async function loadPersonas(file?: string): Promise<Persona[]> {
  const text = await readFile(file ?? new URL('personas.json', dataDir), 'utf8');
  const personas: unknown = JSON.parse(text);
  if (!Array.isArray(personas) || personas.length === 0) {
    throw new Error(`Personas file ${file ?? 'data/personas.json'} must hold a non-empty array`);
  }
  const seen = new Set<string>();
  for (const [i, p] of personas.entries()) {
    const persona = p as Partial<Persona>;
    for (const field of ['sub', 'kind', 'name', 'regionCode', 'locale'] as const) {
      if (typeof persona[field] !== 'string') {
        throw new Error(`Persona #${i} in ${file ?? 'data/personas.json'} lacks "${field}"`);
      }
    }
    if (seen.has(persona.sub as string)) throw new Error(`Duplicate persona sub "${persona.sub}"`);
    seen.add(persona.sub as string);
  }
  return personas as Persona[];
}

/** Reads registered clients from a JSON file (an array), by default `data/clients.json`. */
export async function loadClients(file?: string): Promise<RegisteredClient[]> {
  const text = await readFile(file ?? new URL('clients.json', dataDir), 'utf8');
  const clients: unknown = JSON.parse(text);
  if (!Array.isArray(clients)) throw new Error('Clients file must hold an array');
  return clients as RegisteredClient[];
}
