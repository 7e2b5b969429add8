// Byte-exact image fixtures: every digest returned here is the sha256 of the
// very bytes pushed, so tests can compare registry answers byte for byte.
import { gzipSync } from 'node:zlib'
import { sha256 } from './registry.mjs'

/** @import { RunningRegistry } from './registry.mjs' */

export { sha256 }

/**
 * The image's platform, as in an index entry.
 * @typedef {import('../../src/image/platform.js').Platform} Platform
 */

/**
 * @typedef {object} Pushed
 * @property {string} repo
 * @property {string} tag Ref it was pushed under: the tag, or the digest for index children.
 * @property {string} digest
 * @property {string} mediaType
 * @property {Buffer} bytes
 */

/**
 * @typedef {object} BuildImageInput
 * @property {string} [os]
 * @property {string} [architecture]
 * @property {string} [variant]
 * @property {Record<string, unknown>} [config] The config's "config" member (Env, Labels, Cmd, ...).
 * @property {string} [created]
 * @property {string} [author]
 * @property {'oci' | 'docker'} [format] Default 'oci'. 'docker' manifests are indented with 3 spaces.
 * @property {number} [layerCount] Default 1. Layers are real, deterministic tar+gzip blobs.
 * @property {string} [seed] Changes the layer contents. Default 'default'.
 * @property {Buffer | string} [configBytes] Use these exact config bytes instead of generating them.
 * @property {BuiltImage} [base] Built FROM this image: its layers come first.
 * @property {Record<string, string>} [annotations] The manifest's own annotations.
 */

/**
 * What goes into the image config.
 * @typedef {Pick<BuildImageInput, 'os' | 'architecture' | 'variant' | 'config' | 'created' | 'author'>} ImageConfigInput
 */

/**
 * @typedef {object} BuiltImage
 * @property {Buffer} manifest
 * @property {string} manifestDigest
 * @property {string} mediaType
 * @property {Buffer} config
 * @property {string} configDigest
 * @property {{ digest: string, size: number, bytes: Buffer, diffId?: string }[]} layers
 * @property {Platform} platform Used for the index entry's platform.
 */

/**
 * @typedef {object} PushIndexOptions
 * @property {'oci' | 'docker'} [format] 'oci' → OCI image index, 'docker' → manifest list. Default 'oci'.
 * @property {boolean} [attestation] Append a buildx-style attestation manifest for the first image.
 * @property {Attestation[]} [attestations] Append these attestation manifests, as BuildKit does.
 * @property {Record<string, string>} [annotations] The index's own annotations.
 * @property {(Record<string, string> | undefined)[]} [entryAnnotations] Annotations on each image's entry, in order.
 */

/**
 * An attestation manifest for one of the index's images: its layers are
 * in-toto statements, each marked with its predicate type.
 * @typedef {object} Attestation
 * @property {BuiltImage} subject
 * @property {{ predicateType: string, bytes: Buffer }[]} statements
 */

export const MediaTypes = /** @type {const} */ ({
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  ociConfig: 'application/vnd.oci.image.config.v1+json',
  ociLayer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerConfig: 'application/vnd.docker.container.image.v1+json',
  dockerLayer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  inToto: 'application/vnd.in-toto+json',
  helmConfig: 'application/vnd.cncf.helm.config.v1+json',
  helmChart: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip'
})

/** @type {Record<'oci' | 'docker', Record<'manifest' | 'config' | 'layer' | 'index', string>>} */
const FORMATS = {
  oci: {
    manifest: MediaTypes.ociManifest,
    config: MediaTypes.ociConfig,
    layer: MediaTypes.ociLayer,
    index: MediaTypes.ociIndex
  },
  docker: {
    manifest: MediaTypes.dockerManifest,
    config: MediaTypes.dockerConfig,
    layer: MediaTypes.dockerLayer,
    index: MediaTypes.dockerList
  }
}

// BuildKit writes compact JSON; the Docker engine indents with 3 spaces.
// Using both keeps code honest about hashing bytes, not re-serialized JSON.
/**
 * @param {'oci' | 'docker'} format
 * @param {unknown} obj
 */
const toJson = (format, obj) =>
  Buffer.from(JSON.stringify(obj, null, format === 'docker' ? 3 : undefined))

/**
 * @param {string} mediaType
 * @param {Buffer} bytes
 * @param {string} [digest] sha256(bytes), if known
 */
const descriptor = (mediaType, bytes, digest) => ({
  mediaType,
  digest: digest ?? sha256(bytes),
  size: bytes.length
})

// Minimal ustar archive holding regular files, so layers are real tar+gzip
// and rootfs.diff_ids (sha256 of the uncompressed tar) are meaningful.
/** @param {[name: string, content: string][]} files */
function tar(files) {
  /** @type {Buffer[]} */
  const blocks = []
  for (const [name, content] of files) {
    const data = Buffer.from(content)
    const h = Buffer.alloc(512)
    /** @type {(off: number, len: number, s: string) => number} */
    const put = (off, len, s) => h.write(s.slice(0, len), off, 'ascii')
    /** @type {(off: number, len: number, n: number) => number} */
    const octal = (off, len, n) =>
      put(off, len, n.toString(8).padStart(len - 1, '0') + '\0')
    put(0, 100, name)
    octal(100, 8, 0o644)
    octal(108, 8, 0)
    octal(116, 8, 0)
    octal(124, 12, data.length)
    octal(136, 12, 0)
    put(148, 8, '        ')
    put(156, 1, '0')
    put(257, 8, 'ustar\x0000')
    let sum = 0
    for (const b of h) sum += b
    put(148, 8, sum.toString(8).padStart(6, '0') + '\0 ')
    blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512))
  }
  blocks.push(Buffer.alloc(1024))
  return Buffer.concat(blocks)
}

/**
 * @param {string} seed
 * @param {number} i
 */
function layer(seed, i) {
  const raw = tar([[`layer-${i}.txt`, `seed=${seed} layer=${i}\n`]])
  // mtime 0 in the gzip header, fixed level: deterministic bytes.
  const bytes = gzipSync(raw, { level: 9 })
  return {
    bytes,
    digest: sha256(bytes),
    size: bytes.length,
    diffId: sha256(raw)
  }
}

const DEFAULT_CONFIG = () => ({
  Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
  Cmd: ['/bin/sh'],
  WorkingDir: '/'
})

/**
 * Build (not push) an image; all digests match the returned bytes.
 * @param {BuildImageInput} [input]
 * @returns {BuiltImage}
 */
export function buildImage(input = {}) {
  const format = input.format ?? 'oci'
  const mt = FORMATS[format]
  if (!mt) throw new Error(`unknown format ${format}`)
  const seed = input.seed ?? 'default'
  const count = input.layerCount ?? 1
  const created = input.created ?? '2024-01-01T00:00:00Z'
  /** @type {Platform} */
  const platform = {
    architecture: input.architecture ?? 'amd64',
    os: input.os ?? 'linux'
  }
  if (input.variant !== undefined) platform.variant = input.variant

  const own = Array.from({ length: count }, (_, i) => layer(seed, i))
  const layers = [
    ...(input.base?.layers ?? []).map((l) => ({
      ...l,
      diffId: l.diffId ?? sha256(l.bytes)
    })),
    ...own
  ]
  let config
  if (input.configBytes !== undefined) {
    config = Buffer.from(input.configBytes)
  } else {
    /** @type {Record<string, unknown>} */
    const obj = { ...platform, created }
    if (input.author !== undefined) obj.author = input.author
    obj.config = input.config ?? DEFAULT_CONFIG()
    obj.rootfs = { type: 'layers', diff_ids: layers.map((l) => l.diffId) }
    obj.history = layers.map((_, i) => ({
      created,
      created_by: `/bin/sh -c #(nop) ADD file:layer-${i}.txt in /`
    }))
    config = Buffer.from(JSON.stringify(obj))
  }
  const configDigest = sha256(config)
  /** @type {Record<string, unknown>} */
  const body = {
    schemaVersion: 2,
    mediaType: mt.manifest,
    config: descriptor(mt.config, config, configDigest),
    layers: layers.map((l) => descriptor(mt.layer, l.bytes, l.digest))
  }
  if (input.annotations) body.annotations = input.annotations
  const manifest = toJson(format, body)
  return {
    manifest,
    manifestDigest: sha256(manifest),
    mediaType: mt.manifest,
    config,
    configDigest,
    layers: layers.map(({ digest, size, bytes, diffId }) => ({
      digest,
      size,
      bytes,
      diffId
    })),
    platform
  }
}

/**
 * @param {RunningRegistry} reg
 * @param {string} repo
 * @param {string} ref
 * @param {BuiltImage} img
 * @returns {Promise<Pushed>}
 */
async function pushParts(reg, repo, ref, img) {
  for (const l of img.layers) await reg.pushBlob(repo, l.bytes)
  await reg.pushBlob(repo, img.config)
  const digest = await reg.pushManifest(repo, ref, img.manifest, img.mediaType)
  return {
    repo,
    tag: ref,
    digest,
    mediaType: img.mediaType,
    bytes: img.manifest
  }
}

/**
 * Push layers, config and the manifest under tag.
 * @param {RunningRegistry} reg
 * @param {string} repo
 * @param {string} tag
 * @param {BuiltImage} img
 * @returns {Promise<Pushed>}
 */
export function pushImage(reg, repo, tag, img) {
  return pushParts(reg, repo, tag, img)
}

/**
 * What `docker buildx build --provenance` attaches next to each image.
 * @param {string} repo
 * @param {BuiltImage} subject
 * @returns {BuiltImage}
 */
function attestationFor(repo, subject) {
  const predicateType = 'https://slsa.dev/provenance/v0.2'
  const statement = Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v0.1',
      predicateType,
      subject: [
        {
          name: `pkg:docker/${repo}?platform=${encodeURIComponent(
            [subject.platform.os, subject.platform.architecture]
              .concat(subject.platform.variant ?? [])
              .join('/')
          )}`,
          digest: { sha256: subject.manifestDigest.slice('sha256:'.length) }
        }
      ],
      predicate: { buildType: 'https://mobyproject.org/buildkit@v1' }
    })
  )
  return attestationManifest([{ predicateType, bytes: statement }])
}

/**
 * An attestation manifest holding these statements as layers, the way
 * BuildKit stores them (config unknown/unknown, each layer marked with its
 * predicate type).
 * @param {{ predicateType: string, bytes: Buffer }[]} statements
 * @returns {BuiltImage}
 */
export function attestationManifest(statements) {
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'unknown',
      os: 'unknown',
      config: {},
      rootfs: {
        type: 'layers',
        diff_ids: statements.map((s) => sha256(s.bytes))
      }
    })
  )
  const manifest = toJson('oci', {
    schemaVersion: 2,
    mediaType: MediaTypes.ociManifest,
    config: descriptor(MediaTypes.ociConfig, config),
    layers: statements.map((s) => ({
      ...descriptor(MediaTypes.inToto, s.bytes),
      annotations: { 'in-toto.io/predicate-type': s.predicateType }
    }))
  })
  return {
    manifest,
    manifestDigest: sha256(manifest),
    mediaType: MediaTypes.ociManifest,
    config,
    configDigest: sha256(config),
    layers: statements.map((s) => ({
      digest: sha256(s.bytes),
      size: s.bytes.length,
      bytes: s.bytes
    })),
    platform: { architecture: 'unknown', os: 'unknown' }
  }
}

/**
 * @typedef {object} ProvenanceInput
 * @property {BuiltImage} subject The image manifest the statement is about.
 * @property {'v0.2' | 'v1'} [version] Default 'v1' (BuildKit's default now).
 * @property {{ uri: string, digest: string }[]} [materials] `digest` as algorithm:hex.
 * @property {string} [builder]
 * @property {string} [source] Recorded as BuildKit's vcs:source.
 * @property {string} [revision] Recorded as BuildKit's vcs:revision.
 * @property {string} [configSource] A git context URL (invocation config source).
 */

/**
 * An in-toto statement with SLSA provenance shaped as BuildKit writes it
 * (solver/llbsolver/provenance), v0.2 or v1.
 * @param {ProvenanceInput} input
 * @returns {{ predicateType: string, bytes: Buffer }}
 */
export function provenanceStatement(input) {
  const version = input.version ?? 'v1'
  const predicateType = `https://slsa.dev/provenance/${version}`
  const p = input.subject.platform
  const platform = [p.os, p.architecture, p.variant].filter(Boolean).join('/')
  /** @param {string} digest */
  const digestSet = (digest) => {
    const [alg, hex] = digest.split(':')
    return { [alg]: hex }
  }
  const materials = (input.materials ?? []).map((m) => ({
    uri: m.uri,
    digest: digestSet(m.digest)
  }))
  /** @type {Record<string, string>} */
  const vcs = {}
  if (input.source) vcs.source = input.source
  if (input.revision) vcs.revision = input.revision
  /** @type {Record<string, unknown>} */
  const configSource = { path: 'Dockerfile' }
  if (input.configSource) configSource.uri = input.configSource
  const predicate =
    version === 'v1'
      ? {
          buildDefinition: {
            buildType:
              'https://github.com/moby/buildkit/blob/master/docs/attestations/slsa-definitions.md',
            externalParameters: {
              configSource,
              request: { frontend: 'dockerfile.v0', args: {} }
            },
            internalParameters: { builderPlatform: 'linux/amd64' },
            resolvedDependencies: materials
          },
          runDetails: {
            builder: { id: input.builder ?? '' },
            metadata: {
              invocationId: 'test',
              buildkit_metadata: { vcs }
            }
          }
        }
      : {
          builder: { id: input.builder ?? '' },
          buildType: 'https://mobyproject.org/buildkit@v1',
          materials,
          invocation: {
            configSource: {
              ...(input.configSource ? { uri: input.configSource } : {}),
              entryPoint: 'Dockerfile'
            },
            parameters: { frontend: 'dockerfile.v0' },
            environment: { platform }
          },
          metadata: {
            buildInvocationID: 'test',
            'https://mobyproject.org/buildkit@v1#metadata': { vcs }
          }
        }
  const bytes = Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v0.1',
      predicateType,
      subject: [
        {
          name: `pkg:docker/test/app@latest?platform=${encodeURIComponent(platform)}`,
          digest: digestSet(input.subject.manifestDigest)
        }
      ],
      predicate
    })
  )
  return { predicateType, bytes }
}

/**
 * A package URL for an image as BuildKit writes it (util/purl RefToPURL):
 * `pkg:docker/[namespace/]name@tag?platform=…`, the registry host part of
 * the namespace, percent-encoded.
 * @param {string} name e.g. alpine, 127.0.0.1:5000/base
 * @param {string} tag
 * @param {string} [platform] e.g. linux/amd64
 */
export function imagePurl(name, tag, platform) {
  const parts = name.split('/').map((p) => encodeURIComponent(p))
  const query = platform ? `?platform=${encodeURIComponent(platform)}` : ''
  return `pkg:docker/${parts.join('/')}@${encodeURIComponent(tag)}${query}`
}

/**
 * Push each image by digest, then an index over them under tag. children
 * follow the index order (the attestation manifest, if any, last).
 * @param {RunningRegistry} reg
 * @param {string} repo
 * @param {string} tag
 * @param {BuiltImage[]} images
 * @param {PushIndexOptions} [opts]
 * @returns {Promise<Pushed & { children: Pushed[] }>}
 */
export async function pushIndex(reg, repo, tag, images, opts = {}) {
  const format = opts.format ?? 'oci'
  const mt = FORMATS[format]
  if (!mt) throw new Error(`unknown format ${format}`)
  /** @type {{ img: BuiltImage, desc: Record<string, unknown> }[]} */
  const entries = images.map((img, i) => {
    /** @type {Record<string, unknown>} */
    const desc = {
      ...descriptor(img.mediaType, img.manifest, img.manifestDigest),
      platform: img.platform
    }
    const annotations = opts.entryAnnotations?.[i]
    if (annotations) desc.annotations = annotations
    return { img, desc }
  })
  for (const { subject, statements } of opts.attestations ?? []) {
    const att = attestationManifest(statements)
    entries.push({
      img: att,
      desc: {
        ...descriptor(att.mediaType, att.manifest, att.manifestDigest),
        annotations: {
          'vnd.docker.reference.digest': subject.manifestDigest,
          'vnd.docker.reference.type': 'attestation-manifest'
        },
        platform: att.platform
      }
    })
  }
  if (opts.attestation) {
    if (images.length === 0) throw new Error('attestation needs an image')
    const att = attestationFor(repo, images[0])
    entries.push({
      img: att,
      desc: {
        ...descriptor(att.mediaType, att.manifest, att.manifestDigest),
        annotations: {
          'vnd.docker.reference.digest': images[0].manifestDigest,
          'vnd.docker.reference.type': 'attestation-manifest'
        },
        platform: att.platform
      }
    })
  }
  // Children first: the registry rejects an index whose children are missing.
  /** @type {Pushed[]} */
  const children = []
  for (const { img } of entries) {
    children.push(await pushParts(reg, repo, img.manifestDigest, img))
  }
  /** @type {Record<string, unknown>} */
  const body = {
    schemaVersion: 2,
    mediaType: mt.index,
    manifests: entries.map((e) => e.desc)
  }
  if (opts.annotations) body.annotations = opts.annotations
  const bytes = toJson(format, body)
  const digest = await reg.pushManifest(repo, tag, bytes, mt.index)
  return { repo, tag, digest, mediaType: mt.index, bytes, children }
}

/**
 * A Helm-chart-like OCI artifact (config application/vnd.cncf.helm.config.v1+json).
 * @param {RunningRegistry} reg
 * @param {string} repo
 * @param {string} tag
 * @param {{ artifactType?: string }} [opts]
 * @returns {Promise<Pushed & { configDigest: string }>}
 */
export async function pushArtifact(reg, repo, tag, opts = {}) {
  const config = Buffer.from(
    JSON.stringify({
      name: 'hello',
      version: '0.1.0',
      description: 'A test Helm chart',
      apiVersion: 'v2',
      type: 'application'
    })
  )
  const chart = gzipSync(
    tar([
      ['hello/Chart.yaml', 'apiVersion: v2\nname: hello\nversion: 0.1.0\n']
    ]),
    { level: 9 }
  )
  /** @type {Record<string, unknown>} */
  const manifest = { schemaVersion: 2, mediaType: MediaTypes.ociManifest }
  if (opts.artifactType) manifest.artifactType = opts.artifactType
  manifest.config = descriptor(MediaTypes.helmConfig, config)
  manifest.layers = [descriptor(MediaTypes.helmChart, chart)]
  manifest.annotations = {
    'org.opencontainers.image.created': '2024-01-01T00:00:00Z'
  }
  const bytes = Buffer.from(JSON.stringify(manifest))
  await reg.pushBlob(repo, chart)
  const configDigest = await reg.pushBlob(repo, config)
  const digest = await reg.pushManifest(
    repo,
    tag,
    bytes,
    MediaTypes.ociManifest
  )
  return {
    repo,
    tag,
    digest,
    mediaType: MediaTypes.ociManifest,
    bytes,
    configDigest
  }
}

/** 'ghadelimiter_00000000-0000-0000-0000-000000000000' */
export const GHA_DELIMITER = 'ghadelimiter_00000000-0000-0000-0000-000000000000'

/**
 * A container config ("config" member) with hostile Labels (own "__proto__",
 * "constructor", HTML, backticks, newlines, fake output delimiters, 300
 * label.NNN entries, ...) and Env. Pass as buildImage({ config }).
 *
 * Values that break naive output code: prototype keys, markdown/HTML/shell
 * metacharacters, multi-line values, fake GITHUB_OUTPUT delimiters, Unicode.
 * @returns {Record<string, unknown> & { Env: string[], Labels: Record<string, string> }}
 */
export function hostileConfig() {
  /** @type {Record<string, string>} */
  const labels = {}
  // An object literal's __proto__ sets the prototype; define a real own key
  // so JSON.stringify emits "__proto__" into the config bytes.
  Object.defineProperty(labels, '__proto__', {
    value: 'polluted',
    enumerable: true,
    writable: true,
    configurable: true
  })
  Object.assign(labels, {
    constructor: 'not a constructor',
    toString: 'not a function',
    hasOwnProperty: 'nope',
    'org.opencontainers.image.source': 'https://github.com/example/hostile',
    'org.opencontainers.image.title': 'hostile | image',
    'com.example/path.with/slashes': 'a/b/c',
    'key with spaces': 'spaces',
    pipe: 'a|b|c',
    'markdown.table': '| x | y |\n|---|---|',
    backticks: '`rm -rf /` and ```fenced```',
    newline: 'line1\nline2\r\nline3',
    html: '<script>alert(1)</script>',
    unicode: 'héllo 世界 🚀 Ωmega',
    empty: '',
    delimiter: GHA_DELIMITER,
    eof: 'EOF',
    'eof.multiline': `before\nEOF\n${GHA_DELIMITER}\nafter`,
    expression: '${{ github.token }} $(id) %0A %25',
    quotes: `"double" 'single'`,
    backslash: 'C:\\path\\n\\t',
    tab: 'a\tb',
    json: '{"a":[1,2]}',
    'long.value': 'x'.repeat(5000)
  })
  for (let i = 0; i < 300; i++) {
    labels[`label.${String(i).padStart(3, '0')}`] = `value ${i}`
  }
  return {
    User: '1000:1000',
    ExposedPorts: { '80/tcp': {}, '53/udp': {} },
    Env: [
      'PATH=/usr/local/bin:/usr/bin:/bin',
      'A=1',
      'MULTI=line1\nline2',
      'EMPTY=',
      'PIPE=a|b',
      'HTML=<b>x</b>',
      'UNI=héllo 世界 🚀',
      'EQ=a=b=c',
      `DELIM=${GHA_DELIMITER}`,
      'EOF=EOF',
      'BACKTICK=`x`'
    ],
    Entrypoint: ['/bin/sh', '-c', 'echo "$0" | cat'],
    Cmd: ['--flag=`x`', 'line1\nline2', '<b>'],
    WorkingDir: '/app dir/ü',
    Volumes: { '/data': {} },
    Labels: labels,
    StopSignal: 'SIGTERM'
  }
}
