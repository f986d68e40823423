// Bad requests generated from the contract, for the fuzz test: each starts from an operation's
// own example (a request the sandbox accepts) and is spoiled in one place, sometimes two or
// three — a path or query parameter, a header (Authorization, Idempotency-Key, Content-Type), the
// body's fields or its bytes, the route itself — or carries one odd character (NUL, a lone
// surrogate, a LIKE wildcard, …) in an otherwise valid value, which is what reaches the handlers
// and the database. A seed makes the same list every time.
import type { Contract, Operation } from '../src/api/contract.js';

type Json = Record<string, unknown>;

/** One generated request, ready for `app.request`. */
export interface FuzzRequest {
  operationId: string;
  method: string;
  /** Path and query, percent-encoded. */
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array<ArrayBuffer>;
  /** What was spoiled, for the report of a failure. */
  mutations: string[];
}

/** Tokens the generator puts in `Authorization`: registered with the test verifier. */
interface FuzzTokens {
  /** A person's token with every scope. */
  full: string;
  /** The same person's token with no scope. */
  none: string;
  /** Another person's token with every scope. */
  other: string;
}

/** A small fast PRNG (mulberry32): the same seed gives the same requests. */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A short random identifier, `[a-z0-9]`. */
  word(length = 8): string {
    let out = '';
    for (let i = 0; i < length; i++) out += 'abcdefghijklmnopqrstuvwxyz0123456789'[this.int(36)];
    return out;
  }
}

/** JSON text written as-is: numbers like `-0`, `1e309`, digits past 2^53; deep nesting. */
class RawJson {
  readonly text: string;

  constructor(text: string) {
    this.text = text;
  }
}

/** JSON text of a value, with {@link RawJson} written literally (lone surrogates escaped). */
function toJson(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A UTF-16 surrogate without its other half. */
const loneSurrogate = /([\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff])/;

/**
 * Percent-encodes text for a URL; a lone surrogate (which `encodeURIComponent` refuses) becomes
 * its three WTF-8 bytes, as a careless client would send them.
 */
function encode(text: string): string {
  return text
    .split(loneSurrogate)
    .map((part, i) => {
      if (i % 2 === 0) return encodeURIComponent(part);
      const unit = part.charCodeAt(0);
      return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    })
    .join('');
}

/** Decodes percent-encoding, or leaves text that is not well-formed as it is. */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const base64url = (text: string) => Buffer.from(text).toString('base64url');

/** Strings that have broken servers: empty, huge, control characters, odd Unicode, numbers. */
function badString(r: Random, { short = false } = {}): string {
  const choices: (() => string)[] = [
    () => '',
    () => ' ',
    () => '\u0000',
    () => `a\u0000b`,
    () => '\u0001\u0008\u001b\u001f\u007f',
    () => '\t\n\r',
    () => '\u2028\u2029',
    () => '\ufeff',
    () => '\ud800',
    () => '\udfff',
    () => `x\ud83d`,
    () => '😀',
    () => 'e\u0301\u0301\u0301',
    () => '\u202eevil',
    () => '\uffff\ufffe',
    () => '１２３',
    () => '浙江省杭州市',
    () => 'x'.repeat(short ? 101 : r.pick([256, 1025, 5000, 20_000])),
    () => '中'.repeat(short ? 50 : r.pick([101, 501, 3000])),
    () => r.pick(['null', 'undefined', 'true', 'false', 'NaN', 'Infinity', '-Infinity']),
    () => r.pick(['-0', '0', '-1', '1.5', '1e309', '-1e309', '1e-400', '9007199254740993']),
    () => r.pick(['0x10', '+5', ' 5', '05', '1_000', '１']),
    () => r.pick(["' OR 1=1 --", '"; DROP TABLE slots; --', '%', '%00', '%zz', '\\', '\\u0000']),
    () => r.pick(['../../etc/passwd', '/', '.', '..', '__proto__', 'constructor', 'prototype']),
    () => r.pick(['<script>alert(1)</script>', '\u0024{7*7}', '{{7*7}}', '{}', '[]', ',', ',,']),
    () => r.pick(['2026-02-30', '2026-13-01', '0000-01-01', '9999-12-31', '2026-11-23T25:00']),
    () => r.pick(['330523-20261118-000123x', '330523-99999999-999999', 'apt-', 'slot-', 'svc-']),
    () => `${base64url(JSON.stringify(r.pick(cursorPayloads)))}`,
    () => (short ? 'a.b.c' : jwtLike(r)),
    () => r.word(r.int(40) + 1),
  ];
  return r.pick(choices)();
}

/** Decoded cursors that are almost right, and JSON of every other kind. */
const cursorPayloads: unknown[] = [
  { o: -1, f: 'x' },
  { o: 1e308, f: 'x' },
  { o: 1.5 },
  { o: '1' },
  { o: null },
  { o: Number.MAX_SAFE_INTEGER + 2 },
  { o: 2_147_483_648 },
  { o: 0, f: '' },
  null,
  true,
  7,
  'cursor',
  [],
  [{ o: 0 }],
];

/** Three base64url parts: a code token's shape with odd headers and claims. */
function jwtLike(r: Random): string {
  const header = r.pick<unknown>([
    { alg: 'none' },
    { alg: 'ES256', kid: 123 },
    { alg: 'ES256', kid: '../../' },
    { alg: 'HS256', kid: 'code-2026-11', typ: 'zheli-code+jwt' },
    { alg: 'ES256', kid: 'code-2026-11', typ: 'zheli-code+jwt', crit: ['x'] },
    [],
    'x',
  ]);
  const claims = r.pick<unknown>([
    { sub: 'p-anji-driver', kind: 'appointment', exp: 1e308 },
    { kind: 'appointment', appointmentId: { $gt: '' } },
    { exp: -1, iat: 'now' },
    null,
    {},
  ]);
  const part = (v: unknown) => base64url(JSON.stringify(v) ?? 'null');
  return r.pick([
    () => `${part(header)}.${part(claims)}.${r.word(86)}`,
    () => `${part(header)}.${part(claims)}.`,
    () => `${part(header)}.${part(claims)}`,
    () => `${r.word(3)}.${r.word(3)}.${r.word(3)}`,
    () => '..',
    () => `${part(header)}.${'A'.repeat(20_000)}.x`,
  ])();
}

/** JSON values of every kind, many of them not what a field wants. */
function badValue(r: Random, depth = 0): unknown {
  const choices: (() => unknown)[] = [
    () => null,
    () => r.chance(0.5),
    () => r.pick([0, -1, 1.5, 2 ** 31, Number.MAX_SAFE_INTEGER]),
    () => new RawJson(r.pick(['-0', '1e309', '-1e309', '1e-400', '9007199254740993', '1E2'])),
    () => badString(r),
    () => badString(r),
    () => [],
    () => ({}),
    () => (depth < 2 ? [badValue(r, depth + 1), badValue(r, depth + 1)] : []),
    () =>
      depth < 2 ? { [r.pick(['a', '__proto__', 'constructor'])]: badValue(r, depth + 1) } : {},
    () => deep(r.pick([50, 1000, 5000]), r.chance(0.5)),
    () => Array.from({ length: r.pick([1000, 5000]) }, (_, i) => i),
  ];
  return r.pick(choices)();
}

/** Arrays or objects nested `levels` deep, as JSON text. */
function deep(levels: number, objects: boolean): RawJson {
  const [open, close] = objects ? ['{"a":', '}'] : ['[', ']'];
  return new RawJson(`${open.repeat(levels)}1${close.repeat(levels)}`);
}

/** The JSON texts a body may be besides a JSON object. */
function badBodyText(r: Random): string {
  const large: (() => string)[] = [
    () => '['.repeat(100_000),
    () => `${'['.repeat(5000)}${']'.repeat(5000)}`,
    () => `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
    () => `{"a":"${'x'.repeat(1024 * 1024)}"}`,
  ];
  if (r.chance(0.15)) return r.pick(large)();
  return r.pick([
    '',
    ' ',
    '{',
    '}',
    '{"a":}',
    '{"a":1,}',
    "{'a':1}",
    '\ufeff{}',
    'NaN',
    '1e309',
    '-0',
    'null',
    'true',
    '"text"',
    '[]',
    '[{}]',
    '{"a":"\\ud800"}',
    '{"a":"\\u0000"}',
    '{"a":"\\x00"}',
    '{"a":1}{"b":2}',
    '[1,2,3',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
  ]);
}

/** A request being spoiled. */
interface Draft {
  op: Operation;
  method: string;
  /** The path template's parameters, encoded. */
  path: Map<string, string>;
  /** The path after templating, when a mutation rewrote the route. */
  route: ((path: string) => string) | null;
  /** Query pairs, decoded. */
  query: [string, string][];
  headers: Record<string, string>;
  body: unknown;
  /** The query parameters and body fields that take free text. */
  freeText: Set<string>;
  /** Bytes that replace the JSON body. */
  rawBody: Uint8Array<ArrayBuffer> | null;
  mutations: string[];
}

/** What the generator may put into requests besides its own garbage. */
interface Material {
  tokens: FuzzTokens;
  /** Ids that exist (other people's appointments, full or past slots, sites, …). */
  ids: string[];
}

type Mutation = (r: Random, d: Draft, material: Material) => void;

/** A real id in the wrong place: a path parameter, a query parameter or a body field. */
const swapId: Mutation = (r, d, { ids }) => {
  if (ids.length === 0) return;
  const id = r.pick(ids);
  const places = [
    ...[...d.path.keys()].map((name) => () => d.path.set(name, encode(id))),
    ...d.query.map((pair) => () => {
      pair[1] = id;
    }),
    ...(isObject(d.body)
      ? Object.keys(d.body).map((name) => () => {
          (d.body as Json)[name] = id;
        })
      : []),
  ];
  if (places.length === 0) return;
  r.pick(places)();
  d.mutations.push(`id ${id}`);
};

/** Characters that have broken servers and databases, to slip into a valid value. */
const hostileChars = [
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  '\n',
  '\ud800',
  '\udfff',
  '\u2028',
  '\ufeff',
  '\u202e',
  '\uffff',
  '\u0301',
  '😀',
  "'",
  '"',
  '\\',
  '%',
  '_',
  '*',
];

/**
 * One character slipped into a valid value (a path or query parameter, a string of the body):
 * a request that still passes most checks and takes the character to the handler and database.
 */
const nearMiss: Mutation = (r, d) => {
  const char = r.pick(hostileChars);
  const slip = (value: string) => {
    const at = r.int(value.length + 1);
    return `${value.slice(0, at)}${char}${value.slice(at)}`;
  };
  const places: [string, () => void][] = [
    ...[...d.path].map(([name, value]): [string, () => void] => [
      `path ${name}`,
      () => d.path.set(name, encode(slip(decode(value)))),
    ]),
    ...d.query.map((pair): [string, () => void] => [
      `query ${pair[0]}`,
      () => {
        pair[1] = slip(pair[1]);
      },
    ]),
    ...stringFields(d.body).map(([name, holder]): [string, () => void] => [
      `body ${name}`,
      () => {
        holder[name] = slip(holder[name] as string);
      },
    ]),
  ];
  if (places.length === 0) return;
  // Free text is where the contract lets odd characters through to the handlers: aim there most.
  const free = places.filter(([where]) => d.freeText.has(where.split(' ')[1] ?? ''));
  const [where, apply] = r.pick(free.length > 0 && r.chance(0.7) ? free : places);
  apply();
  d.mutations.push(`${where} with ${JSON.stringify(char)}`);
};

/**
 * The names of an operation's query parameters and body fields that take free text: strings
 * without a pattern, format or list of values (`q`, `note`, `reason`, `comment`).
 */
function freeTextNames(op: Operation, document: Json): Set<string> {
  const isFree = (node: unknown) => {
    const schema = resolveRef(document, node);
    return (
      schema.type === 'string' &&
      schema.pattern === undefined &&
      schema.format === undefined &&
      schema.enum === undefined &&
      schema.const === undefined
    );
  };
  const body = op.body ? resolveRef(document, op.body.schema) : {};
  const properties = (body.properties ?? {}) as Json;
  return new Set([
    ...op.parameters.filter((p) => p.in === 'query' && isFree(p.schema)).map((p) => p.name),
    ...Object.entries(properties)
      .filter(([, schema]) => isFree(schema))
      .map(([name]) => name),
  ]);
}

/** The string fields of a JSON body, at any depth, with the object holding each. */
function stringFields(value: unknown): [string, Json][] {
  if (Array.isArray(value)) return value.flatMap(stringFields);
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([k, v]): [string, Json][] =>
    typeof v === 'string' ? [[k, value]] : stringFields(v),
  );
}

const pathMutations: Mutation[] = [
  (r, d) => {
    const name = r.pick([...d.path.keys()]);
    const value = badString(r);
    d.path.set(name, value === '' ? '' : encode(value));
    d.mutations.push(`path ${name}=${JSON.stringify(value.slice(0, 40))}`);
  },
  (r, d) => {
    const name = r.pick([...d.path.keys()]);
    const raw = r.pick(['%', '%zz', '%C0%AF', '%FF%FE', '%ED%A0%80', '%00', '%2F', '%2e%2e', '..']);
    d.path.set(name, raw);
    d.mutations.push(`path ${name} raw ${raw}`);
  },
];

const routeMutations: Mutation[] = [
  (r, d) => {
    const method = r.pick([
      'PUT',
      'PATCH',
      'DELETE',
      'HEAD',
      'OPTIONS',
      d.method === 'GET' ? 'POST' : 'GET',
    ]);
    d.method = method;
    if (method === 'GET' || method === 'HEAD') d.rawBody = null;
    if (method === 'OPTIONS') delete d.headers.Origin;
    d.mutations.push(`method ${method}`);
  },
  (r, d) => {
    const [label, route] = r.pick<[string, (p: string) => string]>([
      ['trailing slash', (p) => `${p}/`],
      ['double slash', (p) => p.replace('/v1/', '/v1//')],
      ['upper case', (p) => p.toUpperCase()],
      ['extra segment', (p) => `${p}/extra`],
      ['dot segment', (p) => `${p}/%2e%2e/x`],
      ['version', (p) => p.replace('/v1/', '/v2/')],
      ['matrix', (p) => `${p};a=1`],
    ]);
    d.route = route;
    d.mutations.push(`route ${label}`);
  },
];

function queryMutations(op: Operation, document: Json): Mutation[] {
  const query = op.parameters.filter((p) => p.in === 'query');
  const out: Mutation[] = [
    (r, d) => {
      const name = r.pick(['colour', '__proto__', 'constructor', '', 'limit[]', 'a'.repeat(300)]);
      d.query.push([name, badString(r)]);
      d.mutations.push(`query unknown ${JSON.stringify(name.slice(0, 20))}`);
    },
  ];
  if (query.length === 0) return out;
  out.push(
    (r, d) => {
      const p = r.pick(query);
      // Half the time a value aimed at the parameter's type; nearly always for an opaque cursor,
      // whose interesting values are structured.
      const value = r.chance(p.name === 'cursor' ? 0.9 : 0.5)
        ? typedBadParam(r, p.name, resolveRef(document, p.schema))
        : badString(r);
      d.query = d.query.filter(([k]) => k !== p.name);
      d.query.push([p.name, value]);
      d.mutations.push(`query ${p.name}=${JSON.stringify(value.slice(0, 40))}`);
    },
    (r, d) => {
      const p = r.pick(query);
      d.query = d.query.filter(([k]) => k !== p.name);
      d.mutations.push(`query ${p.name} removed`);
    },
    (r, d) => {
      const p = r.pick(query);
      d.query.push([p.name, r.word(4)], [p.name, badString(r)]);
      d.mutations.push(`query ${p.name} repeated`);
    },
  );
  const lists = query.filter((p) => p.commaSeparated);
  if (lists.length > 0) {
    out.push((r, d) => {
      const p = r.pick(lists);
      const count = r.pick([0, 2, 51, 1000]);
      const value = Array.from({ length: count }, () =>
        r.chance(0.05) ? badString(r, { short: true }) : r.pick(['', `svc-${r.word(6)}`]),
      ).join(',');
      d.query = d.query.filter(([k]) => k !== p.name);
      d.query.push([p.name, value]);
      d.mutations.push(`query ${p.name} list of ${count}`);
    });
  }
  return out;
}

/** A value aimed at the parameter's type: bounds of integers, near-misses of enums and dates. */
function typedBadParam(r: Random, name: string, schema: Json): string {
  // The contract's opaque paging cursors: base64url JSON, so decoded ones that are almost right.
  if (name === 'cursor') return base64url(JSON.stringify(r.pick(cursorPayloads)));
  const type = schema.type;
  if (type === 'integer' || type === 'number') {
    return r.pick(['0', '-1', '101', '1e309', '1.5', '-0', 'NaN', '99999999999999999999', '']);
  }
  if (Array.isArray(schema.enum)) {
    const value = String(r.pick(schema.enum as unknown[]));
    return r.pick([value.toUpperCase(), ` ${value}`, `${value},${value}`, `${value}\u0000`]);
  }
  if (type === 'boolean') return r.pick(['TRUE', '1', 'yes', '', 'null']);
  return badString(r);
}

function headerMutations(op: Operation): Mutation[] {
  const out: Mutation[] = [
    (r, d, { tokens }) => {
      const value = r.pick<string | null>([
        null,
        'Bearer',
        'Bearer ',
        `Bearer ${r.word(22)}`,
        `Bearer ${r.word(22)}==`,
        'Basic dXNlcjpwYXNz',
        `bearer ${tokens.full}`,
        `Bearer  ${tokens.full}`,
        `Bearer ${tokens.full} extra`,
        `Bearer ${tokens.full}, Bearer ${tokens.full}`,
        `Bearer ${tokens.none}`,
        `Bearer ${tokens.other}`,
        `Bearer ${tokens.other}`,
        `Bearer ${'a'.repeat(10_000)}`,
        'Bearer \u00e9\u00ff',
        `Bearer ${jwtLike(r)}`,
        'DPoP abc',
      ]);
      if (value === null) delete d.headers.Authorization;
      else d.headers.Authorization = value;
      d.mutations.push(
        `authorization ${value === null ? 'removed' : JSON.stringify(value.slice(0, 30))}`,
      );
    },
    (r, d) => {
      const value = r.pick([
        'garbage',
        '00-zzzz-00-00',
        `00-${'0'.repeat(32)}-${'0'.repeat(16)}-01`,
        `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`,
      ]);
      d.headers.traceparent = value;
      d.mutations.push(`traceparent ${value.slice(0, 20)}`);
    },
    (r, d) => {
      const value = r.pick([
        null,
        '',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=iso-8859-1',
        'application/json; charset=utf-16',
        'application/problem+json',
        'APPLICATION/JSON',
        'application/jsonp',
        'application/json, text/plain',
      ]);
      if (value === null) delete d.headers['Content-Type'];
      else d.headers['Content-Type'] = value;
      d.mutations.push(`content-type ${JSON.stringify(value)}`);
    },
    (r, d) => {
      const [name, value] = r.pick<[string, string]>([
        ['Origin', 'https://evil.example'],
        ['Origin', 'null'],
        ['Accept', 'text/html'],
        ['X-HTTP-Method-Override', 'DELETE'],
        ['X-Forwarded-For', '10.0.0.1, 127.0.0.1'],
        ['Content-Encoding', 'gzip'],
        ['Transfer-Encoding', 'chunked'],
        ['Range', 'bytes=0-1'],
      ]);
      d.headers[name] = value;
      d.mutations.push(`header ${name}: ${value}`);
    },
  ];
  if (op.idempotencyKey) {
    out.push((r, d) => {
      const value = r.pick<string | null>([
        null,
        '',
        ' ',
        'not-a-uuid',
        'x'.repeat(r.pick([129, 300, 5000])),
        'fuzz-reused-key',
        '00000000-0000-0000-0000-000000000000',
        '\u00e9\u00e8',
        'a\tb',
        r.word(36),
      ]);
      if (value === null) delete d.headers['Idempotency-Key'];
      else d.headers['Idempotency-Key'] = value;
      d.mutations.push(
        `idempotency-key ${value === null ? 'removed' : JSON.stringify(value.slice(0, 30))}`,
      );
    });
  }
  return out;
}

const bodyMutations: Mutation[] = [
  // A field of the body (at any depth) gets a value of the wrong kind.
  (r, d) => {
    const target = pickContainer(r, d.body);
    if (!target) return replaceBody(r, d);
    const keys = Object.keys(target);
    const name = keys.length > 0 && r.chance(0.8) ? r.pick(keys) : r.word(5);
    target[name] = badValue(r);
    d.mutations.push(`body ${name} spoiled`);
  },
  // A field goes missing.
  (r, d) => {
    const target = pickContainer(r, d.body);
    const keys = target ? Object.keys(target) : [];
    if (!target || keys.length === 0) return replaceBody(r, d);
    const name = r.pick(keys);
    delete target[name];
    d.mutations.push(`body ${name} removed`);
  },
  // An unknown field appears.
  (r, d) => {
    const target = pickContainer(r, d.body);
    if (!target) return replaceBody(r, d);
    const name = r.pick([
      'extra',
      '',
      '\u0000',
      'a'.repeat(1000),
      'constructor',
      'toString',
      '\ud800',
    ]);
    target[name] = badValue(r);
    d.mutations.push(`body unknown ${JSON.stringify(name.slice(0, 20))}`);
  },
  replaceBody,
  (r, d) => {
    const text = badBodyText(r);
    d.rawBody = new TextEncoder().encode(text);
    d.mutations.push(`body text ${JSON.stringify(text.slice(0, 30))}…(${text.length})`);
  },
  (r, d) => {
    // Bytes that are not UTF-8 inside a JSON string.
    const bytes = r.pick([[0xff, 0xfe], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0x80]]);
    const text = toJson(d.body);
    const at = Math.max(1, text.indexOf('"', 2));
    const head = new TextEncoder().encode(text.slice(0, at + 1));
    const tail = new TextEncoder().encode(text.slice(at + 1));
    d.rawBody = new Uint8Array([...head, ...bytes, ...tail]);
    d.mutations.push(`body invalid UTF-8 ${bytes.map((b) => b.toString(16)).join(' ')}`);
  },
];

function replaceBody(r: Random, d: Draft): void {
  d.body = badValue(r);
  d.mutations.push('body replaced');
}

/** A JSON object (not an array, not {@link RawJson}). */
function isObject(value: unknown): value is Json {
  return !!value && Object.getPrototypeOf(value) === Object.prototype;
}

/** The body itself or an object inside it. */
function pickContainer(r: Random, body: unknown): Json | null {
  if (!isObject(body)) return null;
  const nested = Object.values(body).filter(isObject);
  return nested.length > 0 && r.chance(0.3) ? r.pick(nested) : body;
}

/** The node a `$ref` points at, through any chain of them. */
function resolveRef(document: Json, node: unknown): Json {
  let current = node as Json;
  while (typeof current?.$ref === 'string') {
    current = (current.$ref as string)
      .slice(2)
      .split('/')
      .reduce<Json>((at, k) => at[k] as Json, document);
  }
  return current;
}

/** An operation's example request: parameters and body from the contract's `example`s. */
function example(contract: Contract, op: Operation) {
  const document = contract.document as {
    paths: Record<string, Record<string, { parameters?: unknown[]; requestBody?: unknown }>>;
  };
  const resolve = (node: unknown) => resolveRef(contract.document, node);
  const raw = document.paths[op.path]?.[op.method.toLowerCase()];
  const params = [
    ...((document.paths[op.path]?.parameters as unknown[] | undefined) ?? []),
    ...(raw?.parameters ?? []),
  ].map(resolve);
  const value = (p: Json) => {
    const v = p.example ?? resolve(p.schema).example;
    return Array.isArray(v) ? v.join(',') : String(v);
  };
  const media = (
    resolve(raw?.requestBody)?.content as
      | Record<string, { example?: unknown; examples?: Record<string, { value: unknown }> }>
      | undefined
  )?.['application/json'];
  return {
    path: new Map(
      params.filter((p) => p.in === 'path').map((p) => [p.name as string, encode(value(p))]),
    ),
    // Every query parameter with an example, but a cursor: one is valid only as its list gave it.
    query: params
      .filter(
        (p) =>
          p.in === 'query' &&
          p.name !== 'cursor' &&
          (p.example ?? resolve(p.schema).example) !== undefined,
      )
      .map((p): [string, string] => [p.name as string, value(p)]),
    // A copy: the mutations change it, and the document is the contract every test shares.
    body: structuredClone(
      media ? (media.example ?? Object.values(media.examples ?? {})[0]?.value) : undefined,
    ),
  };
}

/**
 * `count` bad requests over every operation of the contract in turn, each with one to three
 * mutations; the same seed gives the same list.
 */
export function fuzzRequests(
  contract: Contract,
  options: {
    seed: number;
    count: number;
    tokens: FuzzTokens;
    /** Ids that exist, put where other ids belong. */
    ids?: string[];
    /**
     * Values for path parameters and body fields of these names, in place of the contract's
     * examples: ids that exist in the test's database, so that spoiled requests reach the
     * handlers' own checks too.
     */
    values?: Record<string, string>;
  },
): FuzzRequest[] {
  const r = new Random(options.seed);
  const operations = contract.operations;
  const material: Material = { tokens: options.tokens, ids: options.ids ?? [] };
  const out: FuzzRequest[] = [];
  for (let i = 0; i < options.count; i++) {
    const op = operations[i % operations.length] as Operation;
    const base = example(contract, op);
    for (const [name, value] of Object.entries(options.values ?? {})) {
      if (base.path.has(name)) base.path.set(name, encode(value));
      if (isObject(base.body) && name in base.body) base.body[name] = value;
    }
    const d: Draft = {
      op,
      method: op.method,
      path: base.path,
      route: null,
      query: base.query,
      headers: {
        ...(op.security ? { Authorization: `Bearer ${options.tokens.full}` } : {}),
        ...(op.idempotencyKey ? { 'Idempotency-Key': `fuzz-${options.seed}-${i}` } : {}),
      },
      body: base.body,
      freeText: freeTextNames(op, contract.document),
      rawBody: null,
      mutations: [],
    };
    const kinds: Mutation[] = [
      ...(d.path.size > 0 ? pathMutations : []),
      ...queryMutations(op, contract.document),
      ...queryMutations(op, contract.document),
      ...headerMutations(op),
      ...(op.body ? [...bodyMutations, ...bodyMutations, ...bodyMutations] : []),
      ...(r.chance(0.1) ? routeMutations : []),
      swapId,
      swapId,
    ];
    // A quarter of the mutations are near misses: those are the requests that reach the handlers
    // and the database with something odd in them.
    kinds.push(...Array.from({ length: Math.ceil(kinds.length / 3) }, () => nearMiss));
    // Mostly one mutation, so that the rest of the request is valid and the spoiled part is
    // what the server has to deal with.
    const times = r.pick([1, 1, 1, 1, 1, 1, 2, 2, 2, 3]);
    for (let m = 0; m < times; m++) r.pick(kinds)(r, d, material);

    let path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => d.path.get(name) ?? '');
    if (d.route) path = d.route(path);
    const query = d.query.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
    let body: Uint8Array<ArrayBuffer> | undefined;
    if (d.method !== 'GET' && d.method !== 'HEAD') {
      if (d.rawBody) body = d.rawBody;
      else if (d.body !== undefined) body = new TextEncoder().encode(toJson(d.body));
      if (body && !d.mutations.some((m) => m.startsWith('content-type'))) {
        d.headers['Content-Type'] ??= 'application/json';
      }
    }
    out.push({
      operationId: op.operationId,
      method: d.method,
      url: query ? `${path}?${query}` : path,
      headers: d.headers,
      ...(body ? { body } : {}),
      mutations: d.mutations,
    });
  }
  return out;
}
