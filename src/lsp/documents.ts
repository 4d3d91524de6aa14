/**
 * Document URIs and the file names the language service works with. A `file:` URI is a path on
 * disk, so the destination's API schema can be found next to it; any other URI (an unsaved
 * editor) is its own name and has no schema.
 */
import { fileURLToPath, pathToFileURL } from 'node:url'
import { isAbsolute } from 'node:path'

export class DocumentNames {
  private readonly uris = new Map<string, string>()

  /** The file name of a document, remembered so its URI goes back exactly as the client wrote it. */
  fileOf(uri: string): string {
    let file = uri
    if (uri.startsWith('file:')) {
      try {
        file = fileURLToPath(uri)
      } catch {
        file = uri
      }
    }
    this.uris.set(file, uri)
    return file
  }

  uriOf(file: string): string {
    return this.uris.get(file) ?? (isAbsolute(file) ? pathToFileURL(file).href : file)
  }

  forget(file: string): void {
    this.uris.delete(file)
  }
}
