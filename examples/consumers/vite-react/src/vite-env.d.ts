/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The platform's OpenID Provider (the sandbox's origin). */
  readonly VITE_ZHELI_AUTHORITY: string;
}
