import type { CodeVerificationResult, VerifyCodeOptions } from './verify.js';

/**
 * `verifyCode` as the package root exports it: it loads `./verify.js` (and jose) on its first
 * call. The root never imports jose statically, so bundlers that split code (esbuild, Vite, the
 * elements' drop-in) keep jose out of the eager code of apps that only call `createClient`, even
 * when they also import `@zheli/client/verify` lazily. Same function, same key cache: both paths
 * run the one `verify.js` module.
 *
 * @example
 * ```ts
 * import { verifyCode } from '@zheli/client';
 *
 * const result = await verifyCode(scanned, { jwks: () => client.codes.keys(), issuer });
 * ```
 */
export async function verifyCode(
  token: string,
  options: VerifyCodeOptions,
): Promise<CodeVerificationResult> {
  const verify = await import('./verify.js');
  return verify.verifyCode(token, options);
}
