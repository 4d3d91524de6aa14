/**
 * Watches the API schema files the open documents are checked against, so that editing
 * `mappings/apis/attio.schema.json` re-checks `attio.map` at once. The directory is watched rather
 * than the file: editors save by replacing the file, which ends a watch on the file itself.
 */
import { watch, type FSWatcher } from 'node:fs'
import { basename, dirname } from 'node:path'

export class SchemaWatcher {
  private readonly watchers = new Map<string, FSWatcher>()
  private files = new Set<string>()

  constructor(
    private readonly changed: (path: string) => void,
    private readonly log: (message: string) => void
  ) {}

  /** Watch exactly these files (the directories of those that exist). */
  update(files: ReadonlySet<string>): void {
    this.files = new Set(files)
    const dirs = new Set([...files].map((f) => dirname(f)))
    for (const [dir, watcher] of this.watchers) {
      if (!dirs.has(dir)) {
        watcher.close()
        this.watchers.delete(dir)
      }
    }
    for (const dir of dirs) {
      if (this.watchers.has(dir)) continue
      try {
        const watcher = watch(dir, { persistent: false }, (_event, name) => {
          const path = name === null ? undefined : [...this.files].find((f) => dirname(f) === dir && basename(f) === String(name))
          if (path !== undefined) this.changed(path)
        })
        watcher.on('error', () => {
          watcher.close()
          this.watchers.delete(dir)
        })
        this.watchers.set(dir, watcher)
      } catch (error) {
        // No such directory yet: the schema is looked for again at the next check.
        if ((error as { code?: string }).code !== 'ENOENT') this.log(`cannot watch ${dir}: ${(error as Error).message}`)
      }
    }
  }

  close(): void {
    for (const watcher of this.watchers.values()) watcher.close()
    this.watchers.clear()
  }
}
