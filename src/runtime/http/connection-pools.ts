/**
 * Keep-alive connections, a bounded number per origin: requests beyond the bound wait in the
 * pool's queue for a connection to come free, so sockets stay bounded however many requests
 * are sent at once. One set of pools serves a whole runtime (every instance and client in it).
 */
import { createRequire } from 'node:module'
import type { Dispatcher, Pool } from 'undici'

/** Per origin; see docs/runtime.md. Enough to keep a loopback or LAN API busy from one core. */
export const DEFAULT_CONNECTIONS_PER_ORIGIN = 32
/** An idle connection is closed after this long (or sooner, when the server says so). */
const KEEP_ALIVE_MS = 4_000

export interface ConnectionPools {
  /** The pool of `origin` (`http://127.0.0.1:4010`), made on first use. */
  forOrigin(origin: string): Dispatcher
  /** Lets requests in flight finish, then closes every connection. */
  close(): Promise<void>
}

type PoolClass = new (origin: string, options: Pool.Options) => Pool

let loaded: PoolClass | undefined

/**
 * undici's Pool alone, loaded on the first request rather than at import: undici's index also
 * loads fetch, WebSocket, caches and more, which costs a cold start well over 100 ms.
 */
function poolClass(): PoolClass {
  loaded ??= createRequire(import.meta.url)('undici/lib/dispatcher/pool.js') as PoolClass
  return loaded
}

export function createConnectionPools(connectionsPerOrigin: number = DEFAULT_CONNECTIONS_PER_ORIGIN): ConnectionPools {
  const pools = new Map<string, Pool>()
  return {
    forOrigin(origin) {
      let pool = pools.get(origin)
      if (pool === undefined) {
        const Pool = poolClass()
        pool = new Pool(origin, {
          connections: connectionsPerOrigin,
          pipelining: 1,
          keepAliveTimeout: KEEP_ALIVE_MS,
          // Each attempt's own timer bounds headers and body together (pool-attempt.ts).
          headersTimeout: 0,
          bodyTimeout: 0
        })
        pools.set(origin, pool)
      }
      return pool
    },
    async close() {
      const closing = [...pools.values()].map((pool) => pool.close())
      pools.clear()
      await Promise.all(closing)
    }
  }
}
