/**
 * What the action knows about an image: plain data every job and report
 * shares. Depends on nothing but the types it is made of.
 */
import type { Descriptor } from '../registry/client.js'
import type { RateLimit } from '../registry/rate-limit.js'
import type { ImageReference } from '../registry/reference.js'
import type { Platform } from './platform.js'

export type { Platform, RateLimit }

/** The fields users ask about, from the config blob. */
export interface ImageConfig {
  os: string
  architecture: string
  variant: string
  created: string
  author: string
  user: string
  workdir: string
  entrypoint: string[] | null
  cmd: string[] | null
  /** In the image's order; later duplicates win like in docker. */
  env: [string, string][]
  labels: [string, string][]
  exposedPorts: string[]
  volumes: string[]
  stopSignal: string
}

export interface ImageInfo {
  reference: ImageReference
  /** `domain/path[:tag][@digest]` as asked for, normalized. */
  ref: string
  /** What the reference points to (the index for a multi-platform image). */
  digest: string
  mediaType: string
  /** The chosen platform's manifest digest. */
  imageDigest: string
  configDigest: string
  platform: Platform
  /** Platforms the index offers, attestations left out. */
  platforms: Platform[]
  config: ImageConfig
  layers: number
  /** The layers' digests, in order (a base's are a prefix of them). */
  layerDigests: string[]
  size: number
  /** The image manifest's annotations, in the order written. */
  annotations: [string, string][]
  /** The top index's own annotations (none for a single manifest). */
  indexAnnotations: [string, string][]
  /** The annotations on the index entry that named the image manifest. */
  entryAnnotations: [string, string][]
  /** BuildKit's attestation manifest for this image manifest, if the index has one. */
  attestation?: Descriptor
  /** The config blob exactly as served. */
  configText: string
  /** The registry's pull quota as of the last manifest answer, if it sent one. */
  rateLimit?: RateLimit
  /** Things worth telling the user that are not failures. */
  warnings: string[]
}

/**
 * An image as its manifests describe it, before its config is read: what
 * the base check and provenance need.
 */
export type ManifestInfo = Omit<ImageInfo, 'config' | 'configText' | 'warnings'>
