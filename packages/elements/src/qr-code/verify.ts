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

interface ClientModule {
  verifyCode(
    token: string,
    options: {
      jwks: () => Promise<Schemas['JsonWebKeySet']>;
      issuer: string;
      kind?: Schemas['CodeKind'];
      now?: () => Date;
    },
  ): Promise<ZheliCodeVerification>;
}

// Held in a variable, as in `internal/connect.ts`: the elements build without `@zheli/client`,
// and its signature checking (jose) loads only when a page verifies a code.
const clientPackage = '@zheli/client';

/** `@zheli/client`'s offline `verifyCode`, loaded on first use. */
export function loadVerifyCode(): Promise<ClientModule['verifyCode']> {
  return (import(/* @vite-ignore */ clientPackage) as Promise<ClientModule>).then(
    (module) => module.verifyCode,
  );
}
