export { LOG_LEVELS, isLevelEnabled, type Logger, type LogFields, type LogLevel } from './logger.js'
export { silentLogger } from './silent-logger.js'
export { withRedaction } from './redacting-logger.js'
export {
  createLineLogger,
  formatLogLine,
  formatFieldValue,
  type LineLoggerOptions,
  type LineStream
} from './line-logger.js'
