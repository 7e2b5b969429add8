/**
 * What `check-base` and `provenance` add to inspected images: for each
 * (an image, or each platform of one) its provenance and its base check,
 * started as soon as its manifests are read, every base read once for all
 * of them.
 */
import type { BaseCheck } from '../image/base.js'
import type { ManifestInfo } from '../image/model.js'
import { formatPlatform } from '../image/platform.js'
import type { Registries } from '../registry/connect.js'
import type { ImageReference } from '../registry/reference.js'
import { checkBase } from './base-check.js'
import { BaseImages } from './base-images.js'
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

export interface FindingsAhead {
  /** Starts an image's findings (once per platform and manifest). */
  start: (info: ManifestInfo) => void
  /** Every image's findings, in order, started or not. */
  all: (infos: ManifestInfo[]) => Promise<Findings[]>
}

/**
 * Findings started ahead: each image's as soon as its manifests are read
 * (inspect's `onManifest`), while its config is fetched; collected once the
 * images are complete. An image not started ahead (a single manifest, whose
 * platform is in its config) starts when collected. Every base is read
 * once for all of them.
 */
export function findingsAhead(
  settings: BaseSettings,
  registries: Registries
): FindingsAhead {
  const bases = new BaseImages(registries)
  const started = new Map<string, Promise<Findings>>()
  const one = async (info: ManifestInfo): Promise<Findings> => {
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
  }
  return {
    start(info) {
      const key = keyOf(info)
      if (started.has(key)) return
      const findings = one(info)
      // Collected by all(); when the inspection fails first, nobody asks.
      findings.catch(() => undefined)
      started.set(key, findings)
    },
    all: (infos) =>
      Promise.all(infos.map((info) => started.get(keyOf(info)) ?? one(info)))
  }
}

/** The same manifest under another name may name its base elsewhere. */
const keyOf = (info: ManifestInfo): string =>
  `${info.ref} ${formatPlatform(info.platform)} ${info.imageDigest}`
