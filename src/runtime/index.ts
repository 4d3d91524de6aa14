/**
 * mapc's runtime: what compiled destinations import (`import * as $ from "mapc/runtime"`) and
 * what applications use to deliver events with them.
 */
export * from './compiled-module-api.js'
export * from './errors/index.js'
export {
  createRuntime,
  createRuntimeFromConfig,
  type Runtime,
  type RuntimeOptions,
  type DestinationInstance,
  type SendOptions,
  type TransportSite
} from './runtime.js'
export { loadDestination } from './destinations/load-destination.js'
export { loadConfigurationCompiler, parseConfig } from './configuration-compiler.js'
export type { RuntimeConfig, DestinationConfig, SubscriptionConfig, HttpConfig } from './config-types.js'
export type { DeliveryResult, DeliveryStatus } from './delivery/results.js'
export type { Transport } from './delivery/deliver.js'
export type { HttpRequest, HttpResponse, RequestMeta } from './http/index.js'
export { createRedactor, type Redactor } from './redaction/index.js'
export { createLineLogger, silentLogger, type Logger } from './logging/index.js'
