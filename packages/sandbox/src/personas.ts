import { readFile } from 'node:fs/promises';

/** A test persona: a fictitious resident or enterprise that can sign in to the sandbox. */
export interface Persona {
  /** Stable subject identifier, e.g. `p-anji-driver`. */
  sub: string;
  kind: 'person' | 'enterprise';
  /** Full name in Chinese (a company name for enterprises). */
  name: string;
  nameEn: string;
  gender?: 'female' | 'male' | null;
  /** `YYYY-MM-DD`; `null` for enterprises. */
  birthDate: string | null;
  /** 18-character resident ID number (GB 11643), or `null`. */
  idNumber: string | null;
  phone: string;
  /** GB/T 2260 code of the region the persona is registered in. */
  regionCode: string;
  locale: 'zh-CN' | 'zh-TW' | 'en';
  description: string;
  descriptionEn: string;
  /** Unified social credit code, enterprises only. */
  creditCode?: string;
  legalRepresentative?: string;
  /** What the platform knows about the persona, driving recommendations. */
  facts: PersonaFacts;
}

/** Facts the platform holds about a persona (all optional). */
export interface PersonaFacts {
  livesAlone?: boolean;
  vehicles?: { plate: string; type: string; registeredOn: string; inspectionDue: string }[];
  children?: { name: string; birthDate: string }[];
  village?: string;
  creditPoints?: number;
  unemployedSince?: string;
  providentFundBalance?: number;
  renting?: boolean;
  employees?: number;
  [fact: string]: unknown;
}

/** A client registered with the sandbox's OIDC provider. */
export interface RegisteredClient {
  client_id: string;
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
  client_secret?: string;
  /** The public keys a `private_key_jwt` client signs its assertions with. */
  jwks?: { keys: Record<string, unknown>[] };
  redirect_uris: string[];
  post_logout_redirect_uris?: string[];
  grant_types: string[];
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
