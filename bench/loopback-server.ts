/** The bench's loopback API in its own process, so its CPU is not the clients': prints its origin, stops when stdin ends. */
import { startLoopbackApi } from './loopback-api.js'

const { origin, server } = await startLoopbackApi()
process.stdout.write(`${origin}\n`)
process.stdin.resume()
process.stdin.on('end', () => server.close(() => process.exit(0)))
