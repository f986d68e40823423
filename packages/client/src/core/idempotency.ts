/**
 * A fresh `Idempotency-Key`: a random (version 4) UUID, made from `crypto.getRandomValues` so it
 * also works where `crypto.randomUUID` is missing (pages served over plain http). Make one per
 * logical write and send it with every retry of that write.
 *
 * @example
 * ```ts
 * const key = newIdempotencyKey();
 * await client.appointments.book(choice, { idempotencyKey: key });
 * ```
 */
export const newIdempotencyKey = (): string =>
  // Each 0, 1 and 8 of the template becomes a random hex digit; the 8 only one of 8, 9, a, b
  // (the variant), and the 4 stays (the version).
  '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (digit) =>
    (
      Number(digit) ^
      ((crypto.getRandomValues(new Uint8Array(1))[0] ?? 0) & (15 >> (Number(digit) / 4)))
    ).toString(16),
  );
