// The public API of @zheli/bridge. Withheld on purpose: the container detection and the
// reading of the container's answers (internal to createBridge).
export type {
  AppLocale,
  Bridge,
  BridgeOptions,
  Location,
  ScanOptions,
  ShareData,
  TicketRequest,
  UiStyle,
  ZWJSBridgeLike,
} from './bridge.js';
export {
  bridgeReadyEvent,
  createBridge,
  localeChangeEvent,
  uiStyleChangeEvent,
} from './bridge.js';
export type { BridgeErrorCode } from './errors.js';
export { isZheliBridgeError, ZheliBridgeError } from './errors.js';
