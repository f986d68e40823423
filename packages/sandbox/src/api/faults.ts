// API fault injection: rules that make the next matching requests fail in a chosen way, so
// clients can be tested against outages, slowness, lost connections and broken responses.

/** What a fault does. */
export type FaultKind = 'status' | 'delay' | 'drop-before' | 'drop-after' | 'malformed';

const kinds: readonly FaultKind[] = ['status', 'delay', 'drop-before', 'drop-after', 'malformed'];

/** A fault rule, as posted to `/__sandbox/faults`. */
export interface FaultRule {
  /** The operation it hits, or `*` for every operation. */
  operationId: string;
  /**
   * What it does: `status` answers a problem with that status, `delay` waits `delayMs` then
   * handles the request, `drop-before` closes the connection before handling it, `drop-after`
   * handles it and closes the connection before the response, `malformed` answers 200 with a
   * body the operation's schema does not describe (`{"unexpected":true}`).
   */
  kind: FaultKind;
  /** For `status`: the HTTP status to answer (default 503). */
  status?: number;
  /** For `status` 429 and 503: the `Retry-After` seconds (default 1). */
  retryAfter?: number;
  /** For `delay`: how long to wait before handling the request (default 2000). */
  delayMs?: number;
  /** How many matching requests it hits (default 1). */
  times?: number;
}

/** A rule in force, with the hits it has left. */
export interface ActiveFault extends Required<Pick<FaultRule, 'operationId' | 'kind' | 'times'>> {
  /** The rule's number, from 1 upwards in the order rules were added. */
  id: number;
  /**
   * For `status`: the HTTP status answered (503 when the rule gave none); absent for other kinds.
   */
  status?: number;
  /**
   * For `status`: the `Retry-After` seconds (1 when the rule gave none), sent only with 429 and
   * 503; absent for other kinds.
   */
  retryAfter?: number;
  /**
   * For `delay`: the milliseconds waited (2000 when the rule gave none); absent for other kinds.
   */
  delayMs?: number;
  /** Matching requests it still hits. */
  remaining: number;
}

/** The fault switches of the API (`sandbox.faults`), the same as `/__sandbox/faults`. */
export interface ApiFaults {
  /** Adds a rule; throws a `TypeError` naming the field when the rule is invalid. */
  add(rule: FaultRule): ActiveFault;
  /** Removes every rule. */
  clear(): void;
  /** The rules in force. */
  list(): ActiveFault[];
}

/** The fault rules, in memory. */
export class FaultRegistry implements ApiFaults {
  #rules: ActiveFault[] = [];
  #nextId = 1;
  readonly #operationIds: ReadonlySet<string>;

  constructor(operationIds: Iterable<string>) {
    this.#operationIds = new Set(operationIds);
  }

  add(rule: FaultRule): ActiveFault {
    const input = (rule ?? {}) as unknown as Record<string, unknown>;
    const allowed = ['operationId', 'kind', 'status', 'retryAfter', 'delayMs', 'times'];
    for (const key of Object.keys(input)) {
      if (!allowed.includes(key)) throw new TypeError(`${key}: is not a known field`);
    }
    const { operationId, kind } = input;
    if (
      typeof operationId !== 'string' ||
      !(operationId === '*' || this.#operationIds.has(operationId))
    ) {
      throw new TypeError('operationId: must be "*" or an operationId of the contract');
    }
    if (!kinds.includes(kind as FaultKind))
      throw new TypeError(`kind: must be one of ${kinds.join(', ')}`);
    const int = (name: string, min: number, max: number): number | undefined => {
      const value = input[name];
      if (value === undefined) return undefined;
      if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
        throw new TypeError(`${name}: must be an integer from ${min} to ${max}`);
      }
      return value as number;
    };
    const status = int('status', 400, 599);
    const retryAfter = int('retryAfter', 0, 86_400);
    const delayMs = int('delayMs', 0, 600_000);
    const times = int('times', 1, 1_000_000) ?? 1;
    const active: ActiveFault = {
      id: this.#nextId++,
      operationId,
      kind: kind as FaultKind,
      times,
      remaining: times,
      ...(kind === 'status' ? { status: status ?? 503, retryAfter: retryAfter ?? 1 } : {}),
      ...(kind === 'delay' ? { delayMs: delayMs ?? 2000 } : {}),
    };
    this.#rules.push(active);
    return { ...active };
  }

  clear(): void {
    this.#rules = [];
  }

  list(): ActiveFault[] {
    return this.#rules.map((r) => ({ ...r }));
  }

  /** Takes one hit of the first rule matching the operation, if any. */
  take(operationId: string): ActiveFault | undefined {
    const rule = this.#rules.find((r) => r.operationId === operationId || r.operationId === '*');
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.#rules = this.#rules.filter((r) => r !== rule);
    return { ...rule };
  }
}
