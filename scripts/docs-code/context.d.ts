// The names the docs' TypeScript blocks take as given: introduced by the prose or an earlier block
// of their page, or standing for the reader's own code. Each has the type the reader's would have,
// so what a block does with it is still checked (scripts/check-docs-code.mjs).

/** The client and the sign-in of the page's first block. */
declare const client: ReturnType<typeof import('@zheli/client').createClient>;
declare const auth: ReturnType<typeof import('@zheli/auth').createAuth>;
/** The container bridge of docs/container.md's first block. */
declare const bridge: ReturnType<typeof import('@zheli/bridge').createBridge>;
/** The backend-for-frontend options of docs/auth.md's "Server mode" section. */
declare const options: Parameters<typeof import('@zheli/auth/server').createAuthHandler>[0];

/** The reader's configuration. */
declare const authority: string;
declare const clientId: string;
declare const redirectUri: string;
declare const baseUrl: string;

/** What the reader's page holds: ids the person chose, a scanned code, a query, a session. */
declare const serviceId: string;
declare const siteId: string;
declare const slotId: string;
declare const body: Parameters<typeof client.appointments.book>[0];
declare const q: string;
declare const scanned: string;
declare const token: string;
declare const session: { accessToken: string };
declare const signInButton: HTMLButtonElement;
declare const picker: HTMLElementTagNameMap['zheli-appointment-picker'];
declare const router: { replace(path: string): void };

/** The reader's own functions. */
declare function refreshSession(session: { accessToken: string }): Promise<{ accessToken: string }>;
declare function render(item: unknown): void;
declare function enough(): boolean;
declare function admit(ref: string | null): void;
declare function refuse(reason: string): void;
declare function save(appointment: unknown): void;
declare function showOtherSlots(): void;
declare function showFieldErrors(errors: unknown): void;
declare function pickAnotherSlot(): void;
declare function openBooking(serviceId: string): void;
declare function report(error: unknown): void;
declare function navigate(path: string): void;

/** A Vue single-file component, as Vite's Vue plugin compiles it. */
declare module '*.vue' {
  const component: import('vue').Component;
  export default component;
}

/** The part of @vitejs/plugin-vue's options docs/frameworks/vue.md sets (not installed here). */
declare module '@vitejs/plugin-vue' {
  export default function vue(options?: {
    template?: { compilerOptions?: { isCustomElement?: (tag: string) => boolean } };
  }): { name: string };
}
