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
 * `@zheli/client`'s offline `verifyCode`, loaded on first use: its signature checking (jose)
 * becomes a lazy chunk that pages load only when they verify a code. `@zheli/client` is an
 * optional peer dependency: without it, `verify()` rejects and nothing else changes.
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
  const { verifyCode } = await import('@zheli/client');
  return verifyCode;
}
