import type { RunningRegistry } from './registry.mjs'

export { sha256 } from './registry.mjs'

export declare const MediaTypes: {
  readonly ociManifest: 'application/vnd.oci.image.manifest.v1+json'
  readonly ociIndex: 'application/vnd.oci.image.index.v1+json'
  readonly ociConfig: 'application/vnd.oci.image.config.v1+json'
  readonly ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip'
  readonly dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json'
  readonly dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json'
  readonly dockerConfig: 'application/vnd.docker.container.image.v1+json'
  readonly dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip'
  readonly inToto: 'application/vnd.in-toto+json'
  readonly helmConfig: 'application/vnd.cncf.helm.config.v1+json'
  readonly helmChart: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip'
}

export interface Pushed {
  repo: string
  /** Ref it was pushed under: the tag, or the digest for index children. */
  tag: string
  digest: string
  mediaType: string
  bytes: Buffer
}

export interface ImageConfigInput {
  os?: string
  architecture?: string
  variant?: string
  /** The config's "config" member (Env, Labels, Cmd, ...). */
  config?: Record<string, unknown>
  created?: string
  author?: string
}

export interface Platform {
  architecture: string
  os: string
  variant?: string
}

export interface BuiltImage {
  manifest: Buffer
  manifestDigest: string
  mediaType: string
  config: Buffer
  configDigest: string
  layers: { digest: string; size: number; bytes: Buffer }[]
  /** Used for the index entry's platform. */
  platform: Platform
}

export interface BuildImageInput extends ImageConfigInput {
  /** Default 'oci'. 'docker' manifests are indented with 3 spaces. */
  format?: 'oci' | 'docker'
  /** Default 1. Layers are real, deterministic tar+gzip blobs. */
  layerCount?: number
  /** Changes the layer contents. Default 'default'. */
  seed?: string
  /** Use these exact config bytes instead of generating them. */
  configBytes?: Buffer | string
}

/** Build (not push) an image; all digests match the returned bytes. */
export function buildImage(input?: BuildImageInput): BuiltImage

/** Push layers, config and the manifest under tag. */
export function pushImage(
  reg: RunningRegistry,
  repo: string,
  tag: string,
  img: BuiltImage
): Promise<Pushed>

export interface PushIndexOptions {
  /** 'oci' → OCI image index, 'docker' → manifest list. Default 'oci'. */
  format?: 'oci' | 'docker'
  /** Append a buildx-style attestation manifest for the first image. */
  attestation?: boolean
}

/**
 * Push each image by digest, then an index over them under tag. children
 * follow the index order (the attestation manifest, if any, last).
 */
export function pushIndex(
  reg: RunningRegistry,
  repo: string,
  tag: string,
  images: BuiltImage[],
  opts?: PushIndexOptions
): Promise<Pushed & { children: Pushed[] }>

/** A Helm-chart-like OCI artifact (config application/vnd.cncf.helm.config.v1+json). */
export function pushArtifact(
  reg: RunningRegistry,
  repo: string,
  tag: string,
  opts?: { artifactType?: string }
): Promise<Pushed & { configDigest: string }>

/** 'ghadelimiter_00000000-0000-0000-0000-000000000000' */
export declare const GHA_DELIMITER: string

/**
 * A container config ("config" member) with hostile Labels (own "__proto__",
 * "constructor", HTML, backticks, newlines, fake output delimiters, 300
 * label.NNN entries, ...) and Env. Pass as buildImage({ config }).
 */
export function hostileConfig(): Record<string, unknown> & {
  Env: string[]
  Labels: Record<string, string>
}
