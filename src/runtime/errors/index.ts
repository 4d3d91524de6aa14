export { formatLocation, prefixLocation, type SourceLocation } from './source-location.js'
export type { MapcErrorCode } from './error-code.js'
export { MapcError, isMapcError, type MapcErrorJson, type MapcErrorOptions } from './mapc-error.js'
export { PayloadValidationError, formatIssue, type ValidationIssue } from './payload-validation-error.js'
export { RequestError, type RequestErrorInit } from './request-error.js'
export {
  HttpError,
  AuthenticationError,
  RateLimitError,
  ServerError,
  ClientError,
  UnexpectedStatusError,
  httpErrorForStatus,
  reasonPhrase,
  type HttpErrorInit,
  type RateLimitErrorInit
} from './http-error.js'
export {
  TimeoutError,
  NetworkError,
  CancelledError,
  InvalidRequestError,
  type TimeoutErrorInit,
  type NetworkErrorInit,
  type InvalidRequestErrorInit
} from './transport-errors.js'
export { ResponseError, type ResponseErrorInit } from './response-error.js'
export { ResponseTooLargeError, type ResponseTooLargeErrorInit } from './response-too-large-error.js'
export { MappingError, type MappingErrorInit } from './mapping-error.js'
export { ConfigError, requireNumberInRange, type ConfigErrorInit, type NumberRange } from './config-error.js'
export { BatcherClosedError, BatchOutcomeError } from './batcher-errors.js'
export { InvalidEventError, ItemRejectedError, InternalError } from './delivery-errors.js'
export { formatValuePath } from './value-path.js'
export type { KnownMapcError } from './known-error.js'
export { redactError } from './redact-error.js'
