/**
 * Every concrete runtime error, as a union discriminated by `code`: `switch (error.code)` on a
 * `KnownMapcError` narrows to the class, so each case can read its own fields.
 */
import type { BatcherClosedError, BatchOutcomeError } from './batcher-errors.js'
import type { InternalError, InvalidEventError, ItemRejectedError } from './delivery-errors.js'
import type { MapcErrorCode } from './error-code.js'
import type { ConfigError } from './config-error.js'
import type {
  AuthenticationError,
  ClientError,
  RateLimitError,
  ServerError,
  UnexpectedStatusError
} from './http-error.js'
import type { MappingError } from './mapping-error.js'
import type { PayloadValidationError } from './payload-validation-error.js'
import type { ResponseError } from './response-error.js'
import type { ResponseTooLargeError } from './response-too-large-error.js'
import type { CancelledError, InvalidRequestError, NetworkError, TimeoutError } from './transport-errors.js'

export type KnownMapcError =
  | PayloadValidationError
  | InvalidRequestError
  | UnexpectedStatusError
  | AuthenticationError
  | RateLimitError
  | ServerError
  | ClientError
  | TimeoutError
  | NetworkError
  | CancelledError
  | ResponseError
  | ResponseTooLargeError
  | MappingError
  | ConfigError
  | BatcherClosedError
  | BatchOutcomeError
  | InvalidEventError
  | ItemRejectedError
  | InternalError

/** Fails to compile when a code in `MapcErrorCode` has no class in the union above. */
type AssertTrue<T extends true> = T
export type EveryCodeHasAClass = AssertTrue<
  [Exclude<MapcErrorCode, KnownMapcError['code']>] extends [never] ? true : false
>
