/** The error a call throws (or a promise rejects with), checked to be of the expected class. */

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E

export function thrownBy<E extends Error>(run: () => unknown, type: ErrorClass<E>): E {
  try {
    run()
  } catch (error) {
    if (error instanceof type) return error
    throw new Error(`expected a ${type.name}, got ${String(error)}`)
  }
  throw new Error(`expected a ${type.name}, but nothing was thrown`)
}

export async function rejectionOf<E extends Error>(promise: Promise<unknown>, type: ErrorClass<E>): Promise<E> {
  const outcome = await promise.then(
    () => ({ rejected: false as const }),
    (error: unknown) => ({ rejected: true as const, error })
  )
  if (!outcome.rejected) throw new Error(`expected a ${type.name}, but the promise resolved`)
  if (outcome.error instanceof type) return outcome.error
  throw new Error(`expected a ${type.name}, got ${String(outcome.error)}`)
}
