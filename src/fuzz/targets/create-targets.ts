/** The targets by name, made with the project's corpus. */
import { loadMapCorpus } from '../corpus.js'
import { MapTarget } from './map-target.js'
import { RuntimeTarget } from './runtime-target.js'
import { UrlTarget } from './url-target.js'
import type { FuzzTarget, TargetName } from './target.js'

export interface TargetSettings {
  /** The map target's CPU-time oracle (off in the test suite). */
  slowCheck?: boolean
}

export function createTargets(names: readonly TargetName[], settings: TargetSettings = {}): FuzzTarget[] {
  return names.map((name): FuzzTarget => {
    switch (name) {
      case 'map':
        return new MapTarget({ corpus: loadMapCorpus(), slowCheck: settings.slowCheck ?? false }) as FuzzTarget
      case 'runtime':
        return new RuntimeTarget() as FuzzTarget
      case 'url':
        return new UrlTarget() as FuzzTarget
    }
  })
}
