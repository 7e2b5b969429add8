/**
 * The images a Dockerfile builds from, as `docker build` resolves them:
 * global ARGs and build-args expanded, stage aliases followed, `scratch`
 * skipped, `--platform` honoured. Pure: text in, references out, and an
 * error naming the line of anything that cannot be resolved.
 */
import {
  DockerfileParser,
  type Arg,
  type From,
  type Instruction
} from 'dockerfile-ast'
import {
  formatPlatform,
  parsePlatform,
  type Platform
} from '../image/platform.js'
import {
  ReferenceError,
  parseReference,
  type ImageReference
} from '../registry/reference.js'
import { ExpansionError, expandWord, type Lookup } from './expand.js'

export interface FromImage {
  /** The stage's name as Docker knows it (lowercased), or its index. */
  stage: string
  index: number
  /** 1-based line of the FROM. */
  line: number
  /** Normalized as `docker pull` would (`latest` when neither tag nor digest). */
  reference: ImageReference
  /** From `--platform`, after expansion. */
  platform?: Platform
}

export interface DockerfileBases {
  /** Every FROM that names an image (not `scratch`, not a stage), in order. */
  images: FromImage[]
  /** The image under the last stage, aliases followed; none for `scratch`. */
  final?: FromImage
}

export interface ReadOptions {
  buildArgs?: Map<string, string>
  /** What TARGETPLATFORM and friends say. */
  platform: Platform
  /** What BUILDPLATFORM and friends say (default linux/amd64). */
  buildPlatform?: Platform
}

export class DockerfileError extends Error {
  constructor(
    message: string,
    readonly line?: number
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`)
    this.name = 'DockerfileError'
  }
}

/** More stages than any real Dockerfile has; each may cost requests. */
export const MAX_STAGES = 256

const STAGE_NAME = /^[a-z][a-z0-9._-]*$/

/** What a stage is built on. */
type Base =
  | { kind: 'image'; image: FromImage }
  | { kind: 'stage'; index: number }
  | { kind: 'scratch' }

export function readBases(text: string, options: ReadOptions): DockerfileBases {
  const dockerfile = DockerfileParser.parse(text)
  const source = new SourceText(text, dockerfile.getEscapeCharacter())
  const instructions = dockerfile.getInstructions()
  const firstFrom = instructions.findIndex((i) => i.getKeyword() === 'FROM')
  if (firstFrom === -1) {
    throw new DockerfileError(
      'the Dockerfile has no FROM instruction: it names no image to build from.'
    )
  }
  const lookup = globalArgs(instructions.slice(0, firstFrom), source, options)
  const stages: { name?: string; base: Base }[] = []
  for (const instruction of instructions.slice(firstFrom)) {
    if (instruction.getKeyword() !== 'FROM') continue
    if (stages.length === MAX_STAGES) {
      throw new DockerfileError(
        `the Dockerfile has more than ${MAX_STAGES} stages, the most read.`,
        lineOf(instruction)
      )
    }
    stages.push(readStage(instruction as From, stages, source, lookup))
  }
  const images = stages.flatMap((s) =>
    s.base.kind === 'image' ? [s.base.image] : []
  )
  let last = stages.at(-1)!.base
  while (last.kind === 'stage') last = stages[last.index].base
  return { images, final: last.kind === 'image' ? last.image : undefined }
}

function lineOf(instruction: Instruction): number {
  return instruction.getRange().start.line + 1
}

/** The raw text of a range, line continuations removed. */
class SourceText {
  private readonly lineStarts: number[] = [0]
  private readonly continuation: RegExp

  constructor(
    private readonly text: string,
    readonly escape: string
  ) {
    for (const match of text.matchAll(/\r\n|\n|\r/g)) {
      this.lineStarts.push(match.index + match[0].length)
    }
    const escaped = escape.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')
    this.continuation = new RegExp(`${escaped}[ \\t]*(?:\\r\\n|\\n|\\r)`, 'g')
  }

  of(range: {
    start: { line: number; character: number }
    end: { line: number; character: number }
  }): string {
    const offset = (p: { line: number; character: number }): number =>
      this.lineStarts[p.line] + p.character
    return this.text
      .slice(offset(range.start), offset(range.end))
      .replace(this.continuation, '')
  }
}

/** TARGETPLATFORM, BUILDARCH and friends: defined for FROM without an ARG. */
function automaticArgs(options: ReadOptions): Map<string, string> {
  const out = new Map<string, string>()
  const build = options.buildPlatform ?? { os: 'linux', architecture: 'amd64' }
  for (const [prefix, platform] of [
    ['TARGET', options.platform],
    ['BUILD', build]
  ] as const) {
    out.set(`${prefix}PLATFORM`, formatPlatform(platform))
    out.set(`${prefix}OS`, platform.os)
    out.set(`${prefix}ARCH`, platform.architecture)
    out.set(`${prefix}VARIANT`, platform.variant ?? '')
  }
  return out
}

/**
 * The ARGs before the first FROM, the only ones a FROM can use: each
 * default expanded with those before it, a build-arg winning over it.
 */
function globalArgs(
  before: Instruction[],
  source: SourceText,
  options: ReadOptions
): Lookup {
  const automatic = automaticArgs(options)
  const values = new Map<string, string | undefined>()
  const lookup: Lookup = (name) =>
    values.has(name) ? values.get(name) : automatic.get(name)
  for (const instruction of before) {
    if (instruction.getKeyword() !== 'ARG') {
      throw new DockerfileError(
        `${instruction.getKeyword()} comes before the first FROM, where only ARG may stand.`,
        lineOf(instruction)
      )
    }
    for (const property of (instruction as Arg).getProperties()) {
      const name = property.getName()
      const given = options.buildArgs?.get(name)
      const range = property.getValueRange()
      if (given !== undefined) {
        values.set(name, given)
      } else if (property.getValue() === null || !range) {
        values.set(name, automatic.get(name))
      } else {
        values.set(name, expand(source.of(range), source, lookup, instruction))
      }
    }
  }
  return lookup
}

function expand(
  word: string,
  source: SourceText,
  lookup: Lookup,
  instruction: Instruction
): string {
  try {
    return expandWord(word, source.escape, lookup)
  } catch (error) {
    if (!(error instanceof ExpansionError)) throw error
    const fix = error.variable
      ? `: declare it before the first FROM with a default (ARG ${error.variable}=…) or give it in build-args (${error.variable}=…).`
      : '.'
    throw new DockerfileError(
      `${instruction.getKeyword()}: ${error.message}${fix}`,
      lineOf(instruction)
    )
  }
}

/** One FROM: its name, its platform and what it is built on. */
function readStage(
  from: From,
  stages: { name?: string; base: Base }[],
  source: SourceText,
  lookup: Lookup
): { name?: string; base: Base } {
  const line = lineOf(from)
  const words = from.getArguments()
  const named = words.length === 3 && words[1].getValue().toLowerCase() === 'as'
  if (words.length === 0) {
    throw new DockerfileError('FROM names no image.', line)
  }
  if (words.length !== 1 && !named) {
    throw new DockerfileError(
      `FROM takes an image, optionally followed by "AS name"; found "${words.map((w) => w.getValue()).join(' ')}".`,
      line
    )
  }
  const name = named ? stageName(words[2].getValue(), stages, line) : undefined
  const platform = platformFlag(from, source, lookup)
  const written = expand(source.of(words[0].getRange()), source, lookup, from)
  const lower = written.toLowerCase()
  if (lower === 'scratch') return { name, base: { kind: 'scratch' } }
  const earlier = stages.findIndex((s) => s.name === lower)
  if (earlier !== -1) return { name, base: { kind: 'stage', index: earlier } }
  let reference: ImageReference
  try {
    reference = parseReference(written)
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error
    throw new DockerfileError(
      `FROM "${written}" is not a valid image reference: ${error.rule}.`,
      line
    )
  }
  if (reference.tag === undefined && reference.digest === undefined) {
    reference = { ...reference, tag: 'latest' }
  }
  const image: FromImage = {
    stage: name ?? String(stages.length),
    index: stages.length,
    line,
    reference,
    ...(platform && { platform })
  }
  return { name, base: { kind: 'image', image } }
}

function stageName(
  written: string,
  stages: { name?: string }[],
  line: number
): string {
  const name = written.toLowerCase()
  if (!STAGE_NAME.test(name)) {
    throw new DockerfileError(
      `"${written}" is not a valid stage name: start with a letter, then letters, digits, ".", "_" or "-".`,
      line
    )
  }
  const used = stages.findIndex((s) => s.name === name)
  if (used !== -1) {
    throw new DockerfileError(
      `the stage name "${name}" is already used by stage ${used}.`,
      line
    )
  }
  return name
}

/** `--platform`, expanded; the only flag FROM has. */
function platformFlag(
  from: From,
  source: SourceText,
  lookup: Lookup
): Platform | undefined {
  let platform: Platform | undefined
  for (const flag of from.getFlags()) {
    const name = flag.getName()
    if (name !== 'platform') {
      throw new DockerfileError(
        `FROM has no flag --${name}; only --platform.`,
        lineOf(from)
      )
    }
    const range = flag.getValueRange()
    const written = range ? expand(source.of(range), source, lookup, from) : ''
    platform = parsePlatform(written)
    if (!platform) {
      throw new DockerfileError(
        `--platform "${written}" is not a platform: write os/arch or os/arch/variant (e.g. linux/arm64).`,
        lineOf(from)
      )
    }
  }
  return platform
}
