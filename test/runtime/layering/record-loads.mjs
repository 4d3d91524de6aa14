// Module hooks (node:module `register`) that remember the URL of every module the ES loader
// loads, and answer the list when the process asks for it over the port it handed over.
const loaded = []

export function initialize({ port }) {
  port.on('message', () => port.postMessage([...loaded]))
  port.unref()
}

export async function load(url, context, nextLoad) {
  loaded.push(url)
  return nextLoad(url, context)
}
