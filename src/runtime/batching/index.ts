export { createBatcher, type Batcher, type BatcherOptions } from './batcher.js'
export { isItemOutcome, type ItemOutcome } from './item-outcome.js'
export { realClock, type BatchClock } from './batch-clock.js'
