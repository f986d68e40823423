import type { operations, SuccessBody } from '@zheli/contract';
import type { CodeKeys } from '../codes/keys.js';
import type { Database, Queryable } from '../db/database.js';
import type { SlotHorizon } from '../db/slots.js';
import type { Logger } from '../logger.js';
import type { StepRejections } from '../matters/rejections.js';
import type { Persona } from '../personas.js';
import type { ApiOperationId } from './contract.js';

/** What a bearer access token says, as the identity provider verified it. */
export interface AccessTokenInfo {
  /** The persona the token was issued to: its subject identifier (`p-anji-driver`). */
  sub: string;
  /** The API scopes granted (`appointments`, `codes`, …), one per entry; empty when none. */
  scope: string[];
  /** The registered client the token was issued to (`partner-app`): its `client_id`. */
  clientId: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}

/** Verifies a bearer access token: its info, or `null` when it is not valid. */
export type VerifyAccessToken = (token: string) => Promise<AccessTokenInfo | null>;

/** What the handlers share. */
export interface Deps {
  db: Database;
  issuer: string;
  codeKeys: CodeKeys;
  personas: Map<string, Persona>;
  slots: SlotHorizon;
  now: () => Date;
  logger: Logger;
  /** The control that makes a step of the next one-matter application reject. */
  stepRejections: StepRejections;
}

type Params<O extends ApiOperationId> = operations[O]['parameters'];
type Body<O extends ApiOperationId> = operations[O] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B | undefined
  : undefined;

/** A validated request of an operation, typed from the contract. */
interface RequestOf<O extends ApiOperationId> {
  query: NonNullable<Params<O>['query']>;
  path: NonNullable<Params<O>['path']>;
  body: Body<O>;
}

/** What a handler sees: the validated request, the caller, the database and the clock. */
export interface HandlerContext<O extends ApiOperationId> {
  request: RequestOf<O>;
  /** The signed-in caller (operations with security only; `null` on public ones). */
  principal: AccessTokenInfo | null;
  /** The request's moment on the sandbox clock. */
  now: Date;
  deps: Deps;
  /** The database, or the open transaction of an idempotent write. */
  db: Queryable;
  /** Runs `fn` in a transaction (the idempotent write's own, when there is one). */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
}

/** A handler's answer: the status and body the contract documents for success. */
interface HandlerResult<O extends ApiOperationId> {
  status: 200 | 201;
  body: SuccessBody<O>;
  headers?: Record<string, string>;
}

type Handler<O extends ApiOperationId> = (ctx: HandlerContext<O>) => Promise<HandlerResult<O>>;

/** A handler for every operation of the contract: the type fails while one is missing. */
export type Handlers = { [O in ApiOperationId]: Handler<O> };

/** The signed-in caller of an operation that requires a token. */
export function principalOf<O extends ApiOperationId>(ctx: HandlerContext<O>): AccessTokenInfo {
  if (!ctx.principal) throw new Error('This operation requires a token');
  return ctx.principal;
}
