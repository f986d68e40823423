/// <reference types="vite/client" />
// The elements' tags and props for templates, as docs/elements.md's Builds section says.
import type {} from '@zheli/elements/vue';

declare global {
  interface ImportMetaEnv {
    /** The platform's OpenID Provider and Open API (the sandbox's origin). */
    readonly VITE_ZHELI_PLATFORM: string;
  }
}
