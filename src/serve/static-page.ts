/**
 * The page's built files (`npm run build` writes them to dist/web/serve from web/serve), served
 * with a Content-Security-Policy that lets the page load and call nothing but this server.
 */
import { readFile } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json'
}

/** CodeMirror writes its styles into <style> elements, hence 'unsafe-inline' for styles only. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

export async function servePageFile(directory: string, urlPath: string, res: ServerResponse): Promise<void> {
  const relativePath = urlPath === '/' ? 'index.html' : decodeURIComponent(urlPath).replace(/^\/+/, '')
  const path = normalize(join(directory, relativePath))
  if (!path.startsWith(directory + sep)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found')
    return
  }
  let body: Buffer
  try {
    body = await readFile(path)
  } catch {
    const missing = relativePath === 'index.html'
    res
      .writeHead(missing ? 500 : 404, { 'content-type': 'text/plain; charset=utf-8' })
      .end(missing ? `the page is not built: ${path} is missing (run \`npm run build\`; \`npm ci\` builds it through \`prepare\`)` : 'not found')
    return
  }
  res
    .writeHead(200, {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache'
    })
    .end(body)
}
