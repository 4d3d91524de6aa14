/**
 * `@segment/actions-core` 3.170.0 as Node loads it (its CommonJS build, required directly rather
 * than transformed by vitest): the reference the differential test compares mapc against.
 */
import { createRequire } from 'node:module'

interface ActionsCore {
  transform(mapping: unknown, data: unknown): unknown
  Destination: new (definition: unknown) => {
    executeAction(action: string, bundle: unknown): Promise<unknown>
    executeBatch(action: string, bundle: unknown): Promise<unknown>
  }
}

export const actionsCore = createRequire(import.meta.url)('@segment/actions-core') as ActionsCore
