/**
 * Everything the properties of one destination share, set up once: the generated module and an
 * observed interpreter of the same IR, the API schema's request check, the stub API's
 * responder, and the snake_case names found in the IR.
 */
import type { ApiSchema } from '../../compiler/check/api-schema.js'
import { apiSchemaOf } from '../../compiler/compile.js'
import { interpretDestination, type Observation } from '../../compiler/interpret/interpret.js'
import type { DestinationIR } from '../../compiler/ir.js'
import type { CompiledDestination } from '../../runtime/contract.js'
import { apiRequestCheck, type RequestCheck } from './api-requests.js'
import { snakeCaseNames, type SnakeCaseNames } from './snake-case-names.js'
import { stubResponder, type StubResponder } from './stub-responses.js'

/** A destination to test: its IR and its generated module, imported. */
export interface DestinationUnderTest {
  ir: DestinationIR
  compiled: CompiledDestination
}

export interface DestinationBench {
  ir: DestinationIR
  compiled: CompiledDestination
  /** The interpreter of the same IR; what it evaluates goes to `observers.current`. */
  interpreted: CompiledDestination
  observers: { current?: (observation: Observation) => void }
  /** Undefined when the destination has no API schema: requests are then not validated. */
  requestCheck?: RequestCheck
  api?: ApiSchema
  responder: StubResponder
  snakeCaseNames: SnakeCaseNames
}

/** Throws, with a message naming the file, when the API schema cannot be used or the module does not fit the IR. */
export function destinationBench(destination: DestinationUnderTest): DestinationBench {
  const { ir, compiled } = destination
  const missing = ir.actions.filter((action) => !compiled.actions[action.name]).map((action) => action.name)
  if (missing.length > 0) throw new Error(`the generated module has no action ${missing.join(', ')}: it was built from another version of ${ir.sourceFile}`)
  const api = apiSchemaOf(ir.sourceFile, ir.name)
  const observers: DestinationBench['observers'] = {}
  const bench: DestinationBench = {
    ir,
    compiled,
    interpreted: interpretDestination(ir, { observe: (observation) => observers.current?.(observation) }),
    observers,
    responder: stubResponder(api),
    snakeCaseNames: snakeCaseNames(ir)
  }
  if (api) {
    bench.api = api
    bench.requestCheck = apiRequestCheck(api)
  }
  return bench
}
