import type { Logger } from './logger.js'

/** Discards everything: the default when nobody asked for logs. */
export const silentLogger: Logger = Object.freeze({
  debug() {},
  info() {},
  warn() {},
  error() {},
  enabled: () => false
})
