/**
 * What `check-base` and `provenance` add to inspected images: for each
 * (an image, or each platform of one) its provenance and its base check,
 * a few at a time, every base read once for all of them.
 */
import type { BaseCheck } from '../image/base.js'
import type { ImageInfo } from '../image/model.js'
import type { Registries } from '../registry/connect.js'
import type { ImageReference } from '../registry/reference.js'
import { checkBase } from './base-check.js'
import { BaseImages } from './base-images.js'
import { PER_REGISTRY_CONCURRENCY, mapLimit } from './pool.js'
import { findProvenance, type ProvenanceFinding } from './provenance.js'

export interface BaseSettings {
  checkBase: boolean
  /** The base to check against; otherwise each image names its own. */
  baseImage?: ImageReference
  /** Read provenance even without a base check. */
  readProvenance: boolean
}

/** One image's (or platform's) findings. */
export interface Findings {
  base?: BaseCheck
  provenance?: ProvenanceFinding
}

/**
 * Finds the base and provenance of images; every base is read once for
 * all the images given to it.
 */
export function baseFinder(
  settings: BaseSettings,
  registries: Registries
): (infos: ImageInfo[]) => Promise<Findings[]> {
  const bases = new BaseImages(registries)
  return (infos) =>
    mapLimit(infos, PER_REGISTRY_CONCURRENCY, async (info) => {
      const { client } = await registries.connect(info.reference)
      const provenance = await findProvenance(info, client)
      if (!settings.checkBase) return { provenance }
      const base = await checkBase(
        info,
        provenance,
        { image: settings.baseImage },
        bases
      )
      return { base, provenance }
    })
}
