import type { Schemas } from '@zheli/contract';

/** The result of `verify()`: `@zheli/client`'s `CodeVerificationResult`. */
export type ZheliCodeVerification =
  | { valid: true; claims: Schemas['CodeClaims'] }
  | { valid: false; reason: string };

/** Options of `<zheli-qr-code>`'s `verify()`: the part of `@zheli/client`'s `VerifyCodeOptions` it passes on. */
export interface ZheliCodeVerifyOptions {
  /** The issuer the code must come from: the platform's issuer URL. */
  issuer: string;
  /**
   * The clock the code is checked against.
   * @default () => new Date()
   */
  now?: () => Date;
}

/**
 * `@zheli/client`'s offline `verifyCode`, loaded on first use from its own subpath
 * (`@zheli/client/verify`): its signature checking (jose) becomes a lazy chunk that pages load
 * only when they verify a code, even when the app imports `@zheli/client` statically (the subpath
 * is a module of its own, so the lazy import does not pull the whole client in eagerly).
 */
export async function loadVerifyCode(): Promise<
  (
    token: string,
    options: {
      jwks: () => Promise<Schemas['JsonWebKeySet']>;
      issuer: string;
      kind?: Schemas['CodeKind'];
      now?: () => Date;
    },
  ) => Promise<ZheliCodeVerification>
> {
  const { verifyCode } = await import('@zheli/client/verify');
  return verifyCode;
}
