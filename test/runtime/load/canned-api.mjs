// A stand-in API in a process of its own (so its sockets are not the client's): it answers every
// request at once with a canned 200, and a batch with one `{ status: 200 }` per item. It prints
// its origin on the first line of stdout and serves until stdin closes.
import { createServer } from 'node:http'

const server = createServer((request, response) => {
  const chunks = []
  request.on('data', (chunk) => chunks.push(chunk))
  request.on('end', () => {
    let body = '{}'
    if (request.url?.includes('/batch')) {
      const sent = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      const items = Object.values(sent).find(Array.isArray) ?? []
      body = JSON.stringify({ results: items.map(() => ({ status: 200 })) })
    }
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
    response.end(body)
  })
})
server.keepAliveTimeout = 30_000
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${server.address().port}\n`)
})
process.stdin.on('end', () => process.exit(0))
process.stdin.resume()
