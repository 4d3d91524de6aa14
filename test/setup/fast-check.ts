/**
 * Property tests in `npm test` are reproducible: every fast-check run uses one seed unless
 * MAPC_PROPERTY_SEED says otherwise (a number, or `random` to explore new inputs). A failure
 * prints its seed and path either way, so it can be replayed.
 */
import fc from 'fast-check'

const setting = process.env.MAPC_PROPERTY_SEED
if (setting !== 'random') {
  const seed = setting === undefined ? 20261122 : Number(setting)
  if (!Number.isInteger(seed)) throw new Error(`MAPC_PROPERTY_SEED must be an integer or "random", not ${JSON.stringify(setting)}`)
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed })
}
