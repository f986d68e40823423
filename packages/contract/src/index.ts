/**
 * `@zheli/contract`: the platform's Open API as TypeScript types, generated from `openapi.yaml`.
 *
 * The document itself ships as `@zheli/contract/openapi.yaml` and `@zheli/contract/openapi.json`.
 * Every other package derives its shapes from these types; none redeclares them.
 */
import type { scopes } from './generated/constants.js';
import type { components, operations, paths } from './generated/openapi.js';

export { errorCodes, scopes } from './generated/constants.js';
export type { components, operations, paths };

/** Every schema of the contract by name, e.g. `Schemas['Appointment']`. */
export type Schemas = components['schemas'];

/** The stable machine-readable error codes of problem details. */
export type ErrorCode = Schemas['ErrorCode'];

/** An RFC 9457 problem details body as the platform sends it. */
export type Problem = Schemas['Problem'];

/** An OAuth scope the platform grants. */
export type Scope = (typeof scopes)[number];

/** The `operationId`s of the contract. */
export type OperationId = keyof operations;

type Responses<Op extends OperationId> = operations[Op]['responses'];
type JsonBody<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON body of an operation's successful (200 or 201) response. */
export type SuccessBody<Op extends OperationId> = JsonBody<
  Responses<Op>[Extract<keyof Responses<Op>, 200 | 201>]
>;
