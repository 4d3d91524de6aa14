/**
 * Errors of the batcher itself, as opposed to those of the requests it sends: misuse after
 * `close()`, and a batch sender that did not say what became of an item.
 */
import { MapcError, type MapcErrorOptions } from './mapc-error.js'

/** `add()` after `close()`: the item was not accepted, so it is the caller's to keep. */
export class BatcherClosedError extends MapcError {
  declare readonly code: 'BATCHER_CLOSED'
  constructor(options: MapcErrorOptions = {}) {
    super('BATCHER_CLOSED', 'the batcher is closed: no more items can be added', false, options)
  }
}

/**
 * The batch sender returned no outcome for an item (too few outcomes, or not a list). The
 * item's fate is unknown, so it is reported as failed rather than silently dropped.
 */
export class BatchOutcomeError extends MapcError {
  declare readonly code: 'BATCH_OUTCOME_MISSING'
  readonly index: number
  readonly batchSize: number
  constructor(init: { index: number; batchSize: number; received: string }, options: MapcErrorOptions = {}) {
    super(
      'BATCH_OUTCOME_MISSING',
      `the batch sender gave no outcome for item ${init.index} of ${init.batchSize} (it returned ${init.received})`,
      false,
      options
    )
    this.index = init.index
    this.batchSize = init.batchSize
  }

  protected override details(): Record<string, unknown> {
    return { index: this.index, batchSize: this.batchSize }
  }
}
