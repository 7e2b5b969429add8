/**
 * The inputs table: every input in action.yml, what readInputs() turns it
 * into, and every way it can be wrong, with the exact message.
 *
 * Inputs reach the code the way the runner passes them: as INPUT_<NAME>
 * environment variables, read by the real @actions/core. What this proves:
 * - with only `image`, every setting has the default that action.yml
 *   documents, and action.yml's own `default:` values, passed the way the
 *   runner passes them, give the same settings;
 * - each valid form of each input gives the listed settings and changes
 *   nothing else (each row is compared with the whole settings object);
 * - each mistake fails with an InputError whose message is exactly the one
 *   listed;
 * - readInputs() itself masks `password` and `github-token` (::add-mask::),
 *   even when it then fails, and writes nothing else;
 * - every row names real inputs, and every input in action.yml has a row.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  test
} from '@jest/globals'
import { InputError } from '../../src/errors.js'
import { MAX_PATTERN_LENGTH } from '../../src/gate/rules.js'
import {
  getInputs,
  readInputs,
  type BatchEntry,
  type BatchInputs
} from '../../src/inputs.js'

// ---------------------------------------------------------------------------
// A workspace with Dockerfiles, for the `dockerfile` inputs.
// ---------------------------------------------------------------------------

let workspace: string
const DOCKERFILES: Record<string, string> = {
  Dockerfile: 'ARG PY=3.12\nFROM python:${PY}-slim AS build\nFROM build\n',
  'arm.Dockerfile': 'FROM --platform=linux/arm64 alpine:3.20\n',
  'scratch.Dockerfile': 'FROM alpine:3.20 AS build\nFROM scratch\n',
  'base/Dockerfile': 'FROM python:3.11-slim\n',
  'bad.Dockerfile': 'FROM python:$TAG\n'
}
let previousWorkspace: string | undefined

beforeAll(() => {
  workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'inputs-ws-'))
  for (const [name, text] of Object.entries(DOCKERFILES)) {
    fs.mkdirSync(path.dirname(path.join(workspace, name)), { recursive: true })
    fs.writeFileSync(path.join(workspace, name), text)
  }
  previousWorkspace = process.env.GITHUB_WORKSPACE
  process.env.GITHUB_WORKSPACE = workspace
})

afterAll(() => {
  if (previousWorkspace === undefined) delete process.env.GITHUB_WORKSPACE
  else process.env.GITHUB_WORKSPACE = previousWorkspace
  fs.rmSync(workspace, { recursive: true, force: true })
})

// ---------------------------------------------------------------------------
// Helpers: inputs as INPUT_* variables, process.env and stdout restored.
// ---------------------------------------------------------------------------

/** Inputs by their action.yml name, as a workflow's `with:` writes them. */
type With = Record<string, string>
type SingleInputs = Extract<
  Awaited<ReturnType<typeof readInputs>>,
  { mode: 'single' }
>

/** The variable @actions/core reads: upper-cased, spaces to `_`, `-` kept. */
const envName = (input: string): string =>
  `INPUT_${input.replace(/ /g, '_').toUpperCase()}`

let savedEnv: NodeJS.ProcessEnv
let realWrite: typeof process.stdout.write
/** Everything written to stdout during the test (core.setSecret writes there). */
let stdout = ''

beforeEach(() => {
  savedEnv = { ...process.env }
  for (const key of Object.keys(process.env)) {
    if (key.startsWith('INPUT_')) delete process.env[key]
  }
  stdout = ''
  realWrite = process.stdout.write
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString()
    return true
  }) as typeof process.stdout.write
})

afterEach(() => {
  process.stdout.write = realWrite
  for (const key of Object.keys(process.env)) {
    if (!(key in savedEnv)) delete process.env[key]
  }
  Object.assign(process.env, savedEnv)
})

function setInputs(inputs: With): void {
  for (const [name, value] of Object.entries(inputs)) {
    process.env[envName(name)] = value
  }
}

async function read(inputs: With): ReturnType<typeof readInputs> {
  setInputs(inputs)
  return readInputs()
}

/** The InputError readInputs() throws for these inputs. */
async function inputError(inputs: With): Promise<InputError> {
  setInputs(inputs)
  try {
    await readInputs()
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error(`readInputs() accepted ${JSON.stringify(inputs)}`)
}

/** The lines written to stdout so far. */
const stdoutLines = (): string[] => stdout.split(/\r?\n/).filter(Boolean)

/** action.yml's inputs, each with its `default:` (undefined when none). */
function actionYmlInputs(): Map<string, string | undefined> {
  const yml = fs.readFileSync(
    new URL('../../action.yml', import.meta.url),
    'utf8'
  )
  const block = yml.slice(yml.indexOf('\ninputs:\n'), yml.indexOf('\noutputs:'))
  const inputs = new Map<string, string | undefined>()
  let current: string | undefined
  for (const line of block.split('\n')) {
    const name = /^ {2}([a-z-]+):$/.exec(line)
    if (name) inputs.set((current = name[1]), undefined)
    const value = /^ {4}default: (.*)$/.exec(line)?.[1]
    if (value !== undefined && current) {
      inputs.set(current, value.replace(/^'(.*)'$/, '$1'))
    }
  }
  return inputs
}

// ---------------------------------------------------------------------------
// Values used in many rows.
// ---------------------------------------------------------------------------

const D = `sha256:${'0123456789abcdef'.repeat(4)}`
const D512 = `sha512:${'0123456789abcdef'.repeat(8)}`
const NGINX = { domain: 'docker.io', path: 'library/nginx' }
const PYTHON = { domain: 'docker.io', path: 'library/python' }
const ALPINE = { domain: 'docker.io', path: 'library/alpine' }
const SOURCE = "the 'username'/'password' inputs"
/** The end of every bad `image` / `compare-to` message. */
const EXAMPLES =
  'Examples: nginx, nginx:1.27, ghcr.io/org/app:v1, registry.example.com:5000/team/app@sha256:<64 hex>.'
const DURATION_HINT = 'write e.g. 30s, 5m, 1m30s, 500ms or a number of seconds.'
const REGISTRY_HINT = 'list hosts like registry.local:5000, one per line.'
const SINGLE_ONLY_PROBLEM =
  "is for a single 'image'; it cannot be combined with 'images'."
/** A `password` passed but empty (an unset secret), with `username`. */
const EMPTY_PASSWORD =
  "Input 'password': is empty, but 'username' is set: pass the password or token (an unset secret or variable gives an empty string), or remove 'username'."

/** A `username` passed but empty, with `password`. */
const EMPTY_USERNAME =
  "Input 'username': is empty, but 'password' is set: pass the user name the password or token belongs to (an unset secret or variable gives an empty string), or remove 'password'."

/** Settings shared by both modes, as action.yml documents their defaults. */
const SETTINGS_DEFAULTS = {
  platform: { os: 'linux', architecture: 'amd64' }, // platform: linux/amd64
  given: undefined, // no username/password: runner credentials or anonymous
  insecureRegistries: [],
  requestTimeoutMs: 30_000, // request-timeout: 30s
  timeoutMs: 300_000, // timeout: 5m
  retries: 4,
  maxRetryWaitMs: 60_000, // max-retry-wait: 60s
  waitForMs: 0, // wait-for: 0
  cacheDir: undefined, // no cache
  checkBase: false, // check-base: false
  baseImage: undefined,
  readProvenance: false // provenance: false
}

/** The one image `Dockerfile` builds from (workspace above). */
const PY_312_BUILD = {
  stage: 'build',
  index: 0,
  line: 2,
  reference: { domain: 'docker.io', path: 'library/python', tag: '3.12-slim' }
}
const ALPINE_ARM = {
  stage: '0',
  index: 0,
  line: 1,
  reference: { domain: 'docker.io', path: 'library/alpine', tag: '3.20' },
  platform: { os: 'linux', architecture: 'arm64' }
}

/** readInputs() for `image: nginx` and nothing else. */
const SINGLE_DEFAULTS: SingleInputs = {
  mode: 'single',
  ...SETTINGS_DEFAULTS,
  reference: { ...NGINX, tag: 'latest' }, // no tag anywhere: latest
  allPlatforms: false,
  tagRange: undefined,
  rules: [],
  reportOnly: false,
  compareTo: undefined,
  comment: false,
  githubToken: '',
  listTags: false,
  tagQuery: {
    sort: 'semver',
    patternSource: undefined,
    includePrereleases: false
  },
  previousDigest: undefined
}

/** readInputs() with `images`, before the images themselves. */
const BATCH_DEFAULTS: Omit<BatchInputs, 'images'> & { allPlatforms: false } = {
  mode: 'batch',
  ...SETTINGS_DEFAULTS,
  // Not in the BatchInputs type: the shared settings carry it along, always
  // false here because `platform: all` is refused with `images`.
  allPlatforms: false
}

// ---------------------------------------------------------------------------
// One image: every input's valid forms.
// ---------------------------------------------------------------------------

interface SingleRow {
  name: string
  inputs: With
  /** The settings that differ from SINGLE_DEFAULTS; the rest must not. */
  expect: Partial<SingleInputs>
}

const TRUE_FORMS = ['true', 'yes', 'on', '1', 'TRUE', 'Yes', 'oN']
const FALSE_FORMS = ['false', 'no', 'off', '0', 'FALSE', 'No', 'OFF']

/** Every spelling of a boolean for one input, with the settings it gives. */
function booleanRows(
  input: string,
  settings: (value: boolean) => Partial<SingleInputs>
): SingleRow[] {
  return [true, false].flatMap((value) =>
    (value ? TRUE_FORMS : FALSE_FORMS).map((text) => ({
      name: `${input}: "${text}" is ${value}`,
      inputs: { image: 'nginx', [input]: text },
      expect: settings(value)
    }))
  )
}

const singleRows: SingleRow[] = [
  // Defaults.
  {
    name: 'only image: every other input at its default',
    inputs: { image: 'nginx' },
    expect: {}
  },
  {
    name: 'empty inputs count as not given',
    inputs: { image: 'nginx', platform: '', retries: '', timeout: '' },
    expect: {}
  },

  // image: normalized like docker pull; latest only when neither tag nor digest.
  {
    name: 'image on another registry with a tag',
    inputs: { image: 'ghcr.io/org/app:v1' },
    expect: { reference: { domain: 'ghcr.io', path: 'org/app', tag: 'v1' } }
  },
  {
    name: 'image with a port and a digest: no latest added',
    inputs: { image: `registry.example.com:5000/team/app@${D}` },
    expect: {
      reference: {
        domain: 'registry.example.com:5000',
        path: 'team/app',
        digest: D
      }
    }
  },
  {
    name: 'image with a tag and a digest keeps both',
    inputs: { image: `nginx:1.27@${D}` },
    expect: { reference: { ...NGINX, tag: '1.27', digest: D } }
  },
  {
    name: 'image on index.docker.io is docker.io',
    inputs: { image: 'index.docker.io/library/nginx' },
    expect: { reference: { ...NGINX, tag: 'latest' } }
  },
  {
    name: 'image with surrounding whitespace is trimmed',
    inputs: { image: '  localhost:5000/app:dev \n' },
    expect: {
      reference: { domain: 'localhost:5000', path: 'app', tag: 'dev' }
    }
  },

  // tag
  {
    name: 'tag input when image names none',
    inputs: { image: 'nginx', tag: '1.27' },
    expect: { reference: { ...NGINX, tag: '1.27' } }
  },
  {
    name: 'tag in image and tag input agree',
    inputs: { image: 'nginx:1.27', tag: '1.27' },
    expect: { reference: { ...NGINX, tag: '1.27' } }
  },
  {
    name: 'tag input with a digest in image keeps both',
    inputs: { image: `nginx@${D}`, tag: '1.27' },
    expect: { reference: { ...NGINX, tag: '1.27', digest: D } }
  },
  {
    name: 'tag semver:^1 gives the range and clears the tag',
    inputs: { image: 'nginx', tag: 'semver:^1' },
    expect: { reference: { ...NGINX, tag: undefined }, tagRange: '^1' }
  },
  {
    name: 'tag semver: alone is any version (*)',
    inputs: { image: 'nginx', tag: 'semver:' },
    expect: { reference: { ...NGINX, tag: undefined }, tagRange: '*' }
  },
  {
    name: 'tag semver: range is trimmed',
    inputs: { image: 'ghcr.io/org/app', tag: 'semver:  >=1.2 <2' },
    expect: {
      reference: { domain: 'ghcr.io', path: 'org/app' },
      tagRange: '>=1.2 <2'
    }
  },

  // platform: os/arch[/variant], containerd's aliases, or all.
  {
    name: 'platform linux/arm64',
    inputs: { image: 'nginx', platform: 'linux/arm64' },
    expect: { platform: { os: 'linux', architecture: 'arm64' } }
  },
  {
    name: 'platform linux/aarch64 is arm64',
    inputs: { image: 'nginx', platform: 'linux/aarch64' },
    expect: { platform: { os: 'linux', architecture: 'arm64' } }
  },
  {
    name: 'platform linux/arm64/v8 is arm64 without variant',
    inputs: { image: 'nginx', platform: 'linux/arm64/v8' },
    expect: { platform: { os: 'linux', architecture: 'arm64' } }
  },
  {
    name: 'platform linux/x86_64 is amd64',
    inputs: { image: 'nginx', platform: 'linux/x86_64' },
    expect: { platform: { os: 'linux', architecture: 'amd64' } }
  },
  {
    name: 'platform in upper case is lower-cased',
    inputs: { image: 'nginx', platform: 'Linux/AMD64' },
    expect: { platform: { os: 'linux', architecture: 'amd64' } }
  },
  {
    name: 'platform linux/arm is arm/v7',
    inputs: { image: 'nginx', platform: 'linux/arm' },
    expect: { platform: { os: 'linux', architecture: 'arm', variant: 'v7' } }
  },
  {
    name: 'platform linux/armhf is arm/v7',
    inputs: { image: 'nginx', platform: 'linux/armhf' },
    expect: { platform: { os: 'linux', architecture: 'arm', variant: 'v7' } }
  },
  {
    name: 'platform linux/arm/v6',
    inputs: { image: 'nginx', platform: 'linux/arm/v6' },
    expect: { platform: { os: 'linux', architecture: 'arm', variant: 'v6' } }
  },
  {
    name: 'platform linux/i386 is 386',
    inputs: { image: 'nginx', platform: 'linux/i386' },
    expect: { platform: { os: 'linux', architecture: '386' } }
  },
  {
    name: 'platform windows/amd64',
    inputs: { image: 'nginx', platform: 'windows/amd64' },
    expect: { platform: { os: 'windows', architecture: 'amd64' } }
  },
  {
    name: 'platform macos/arm64 is darwin',
    inputs: { image: 'nginx', platform: 'macos/arm64' },
    expect: { platform: { os: 'darwin', architecture: 'arm64' } }
  },
  {
    name: 'platform all: every platform, outputs for linux/amd64',
    inputs: { image: 'nginx', platform: 'all' },
    expect: { allPlatforms: true }
  },
  {
    name: 'platform ALL in any case',
    inputs: { image: 'nginx', platform: 'ALL' },
    expect: { allPlatforms: true }
  },

  // username + password: for the image's registry only.
  {
    name: 'username and password for a Docker Hub image',
    inputs: { image: 'nginx', username: 'me', password: 's3cret' },
    expect: {
      given: {
        credentials: { username: 'me', password: 's3cret' },
        domain: 'docker.io',
        source: SOURCE
      }
    }
  },
  {
    name: 'username and password go to the image registry, not compare-to',
    inputs: {
      image: 'ghcr.io/org/app:v2',
      'compare-to': 'nginx:1.26',
      username: 'me',
      password: 's3cret'
    },
    expect: {
      reference: { domain: 'ghcr.io', path: 'org/app', tag: 'v2' },
      compareTo: { ...NGINX, tag: '1.26' },
      given: {
        credentials: { username: 'me', password: 's3cret' },
        domain: 'ghcr.io',
        source: SOURCE
      }
    }
  },

  // insecure-registries: commas, spaces or newlines; # comments; http://.
  {
    name: 'insecure-registries: one host with a port',
    inputs: { image: 'nginx', 'insecure-registries': 'registry.local:5000' },
    expect: { insecureRegistries: ['registry.local:5000'] }
  },
  {
    name: 'insecure-registries: commas, spaces and newlines',
    inputs: {
      image: 'nginx',
      'insecure-registries': 'a.local, b.local:5000\nc.local d.local,,e.local'
    },
    expect: {
      insecureRegistries: [
        'a.local',
        'b.local:5000',
        'c.local',
        'd.local',
        'e.local'
      ]
    }
  },
  {
    name: 'insecure-registries: comments, blank and CRLF lines',
    inputs: {
      image: 'nginx',
      'insecure-registries':
        '# CI mirrors\r\n\r\nmirror.local:5000 # the cache\r\n  other.local\r\n'
    },
    expect: { insecureRegistries: ['mirror.local:5000', 'other.local'] }
  },
  {
    name: 'insecure-registries: http:// prefix and trailing slashes dropped',
    inputs: {
      image: 'nginx',
      'insecure-registries': 'http://registry.local:5000/\nplain.local///'
    },
    expect: { insecureRegistries: ['registry.local:5000', 'plain.local'] }
  },
  {
    name: 'insecure-registries: an HTTP:// prefix in any case',
    inputs: { image: 'nginx', 'insecure-registries': 'HTTP://registry.local' },
    expect: { insecureRegistries: ['registry.local'] }
  },
  {
    name: 'insecure-registries: upper case is lower-cased',
    inputs: { image: 'nginx', 'insecure-registries': 'Registry.LOCAL:5000' },
    expect: { insecureRegistries: ['registry.local:5000'] }
  },
  {
    name: 'insecure-registries: IP addresses, IPv6, ports 1 and 65535',
    inputs: {
      image: 'nginx',
      'insecure-registries':
        '10.0.0.5:5000, [::1]:5000, a.local:1, b.local:65535'
    },
    expect: {
      insecureRegistries: [
        '10.0.0.5:5000',
        '[::1]:5000',
        'a.local:1',
        'b.local:65535'
      ]
    }
  },
  {
    name: 'insecure-registries: only comments is none',
    inputs: { image: 'nginx', 'insecure-registries': '# none yet' },
    expect: {}
  },

  // Durations: a bare number is seconds; ms, s, m, h combined.
  {
    name: 'request-timeout 90 (seconds)',
    inputs: { image: 'nginx', 'request-timeout': '90' },
    expect: { requestTimeoutMs: 90_000 }
  },
  {
    name: 'request-timeout 1m30s',
    inputs: { image: 'nginx', 'request-timeout': '1m30s' },
    expect: { requestTimeoutMs: 90_000 }
  },
  {
    name: 'request-timeout 500ms',
    inputs: { image: 'nginx', 'request-timeout': '500ms' },
    expect: { requestTimeoutMs: 500 }
  },
  {
    name: 'request-timeout 100ms, the minimum',
    inputs: { image: 'nginx', 'request-timeout': '100ms' },
    expect: { requestTimeoutMs: 100 }
  },
  {
    name: 'request-timeout 1.5s and upper-case units',
    inputs: { image: 'nginx', 'request-timeout': '1.5S' },
    expect: { requestTimeoutMs: 1_500 }
  },
  {
    name: 'timeout 2h',
    inputs: { image: 'nginx', timeout: '2h' },
    expect: { timeoutMs: 7_200_000 }
  },
  {
    name: 'timeout 0.1 (seconds) is the 100 ms minimum',
    inputs: { image: 'nginx', timeout: '0.1' },
    expect: { timeoutMs: 100 }
  },
  {
    name: 'max-retry-wait 0: never wait for a Retry-After',
    inputs: { image: 'nginx', 'max-retry-wait': '0' },
    expect: { maxRetryWaitMs: 0 }
  },
  {
    name: 'max-retry-wait 5m',
    inputs: { image: 'nginx', 'max-retry-wait': '5m' },
    expect: { maxRetryWaitMs: 300_000 }
  },
  {
    name: 'wait-for 2m',
    inputs: { image: 'nginx', 'wait-for': '2m' },
    expect: { waitForMs: 120_000 }
  },
  {
    name: 'wait-for 1h30m',
    inputs: { image: 'nginx', 'wait-for': '1h30m' },
    expect: { waitForMs: 5_400_000 }
  },

  // retries: 0 to 99.
  {
    name: 'retries 0',
    inputs: { image: 'nginx', retries: '0' },
    expect: { retries: 0 }
  },
  {
    name: 'retries 99',
    inputs: { image: 'nginx', retries: '99' },
    expect: { retries: 99 }
  },
  {
    name: 'retries 07 is 7',
    inputs: { image: 'nginx', retries: '07' },
    expect: { retries: 7 }
  },

  // Booleans: true/yes/on/1 and false/no/off/0, any case.
  ...booleanRows('list-tags', (listTags) => ({ listTags })),
  ...booleanRows('report-only', (reportOnly) => ({ reportOnly })),
  ...booleanRows('include-prereleases', (includePrereleases) => ({
    tagQuery: { sort: 'semver', includePrereleases }
  })),

  // assert: one rule per line, numbered as written.
  {
    name: 'assert: rules with their line numbers; comments and blanks skipped',
    inputs: {
      image: 'nginx',
      assert: [
        '# the gate',
        'label org.opencontainers.image.vendor == ACME',
        '',
        'user is not root',
        'platforms include linux/amd64, linux/aarch64',
        'age < 30d'
      ].join('\n')
    },
    expect: {
      rules: [
        {
          kind: 'label',
          text: 'label org.opencontainers.image.vendor == ACME',
          line: 2,
          key: 'org.opencontainers.image.vendor',
          op: '==',
          value: 'ACME'
        },
        { kind: 'user', text: 'user is not root', line: 4, root: false },
        {
          kind: 'platforms',
          text: 'platforms include linux/amd64, linux/aarch64',
          line: 5,
          include: true,
          platforms: [
            { os: 'linux', architecture: 'amd64' },
            { os: 'linux', architecture: 'arm64' }
          ]
        },
        {
          kind: 'age',
          text: 'age < 30d',
          line: 6,
          younger: true,
          ms: 30 * 86_400_000
        }
      ]
    }
  },
  {
    name: 'assert with only comments is no rules',
    inputs: { image: 'nginx', assert: '# nothing to check yet' },
    expect: {}
  },

  // compare-to: any reference, kept as written (no latest added).
  {
    name: 'compare-to with a tag',
    inputs: { image: 'nginx:1.27', 'compare-to': 'nginx:1.26' },
    expect: {
      reference: { ...NGINX, tag: '1.27' },
      compareTo: { ...NGINX, tag: '1.26' }
    }
  },
  {
    name: 'compare-to without a tag gets none',
    inputs: { image: 'nginx', 'compare-to': 'ghcr.io/org/app' },
    expect: { compareTo: { domain: 'ghcr.io', path: 'org/app' } }
  },
  {
    name: 'compare-to with one platform',
    inputs: {
      image: 'nginx',
      'compare-to': `nginx@${D}`,
      platform: 'linux/arm64'
    },
    expect: {
      compareTo: { ...NGINX, digest: D },
      platform: { os: 'linux', architecture: 'arm64' }
    }
  },

  // comment and github-token
  {
    name: 'comment with compare-to and a token',
    inputs: {
      image: 'nginx:1.27',
      'compare-to': 'nginx:1.26',
      comment: 'true',
      'github-token': 'ghs_token'
    },
    expect: {
      reference: { ...NGINX, tag: '1.27' },
      compareTo: { ...NGINX, tag: '1.26' },
      comment: true,
      githubToken: 'ghs_token'
    }
  },
  {
    name: 'comment "Yes" in any case',
    inputs: {
      image: 'nginx',
      'compare-to': 'nginx:1.26',
      comment: 'Yes',
      'github-token': 'ghs_token'
    },
    expect: {
      compareTo: { ...NGINX, tag: '1.26' },
      comment: true,
      githubToken: 'ghs_token'
    }
  },
  {
    name: 'comment "off" needs neither compare-to nor a token',
    inputs: { image: 'nginx', comment: 'off' },
    expect: {}
  },
  {
    name: 'github-token without comment is kept',
    inputs: { image: 'nginx', 'github-token': 'ghs_token' },
    expect: { githubToken: 'ghs_token' }
  },

  // Tag listing: list-tags, tag-pattern (implies list-tags), tag-sort.
  {
    name: 'tag-pattern implies list-tags',
    inputs: { image: 'nginx', 'tag-pattern': '^3\\.[0-9]+$' },
    expect: {
      listTags: true,
      tagQuery: {
        sort: 'semver',
        patternSource: '^3\\.[0-9]+$',
        includePrereleases: false
      }
    }
  },
  {
    name: 'tag-pattern wins over list-tags false',
    inputs: { image: 'nginx', 'tag-pattern': '^v', 'list-tags': 'false' },
    expect: {
      listTags: true,
      tagQuery: {
        sort: 'semver',
        patternSource: '^v',
        includePrereleases: false
      }
    }
  },
  {
    name: `tag-pattern of ${MAX_PATTERN_LENGTH} characters, the limit`,
    inputs: { image: 'nginx', 'tag-pattern': 'a'.repeat(MAX_PATTERN_LENGTH) },
    expect: {
      listTags: true,
      tagQuery: {
        sort: 'semver',
        patternSource: 'a'.repeat(MAX_PATTERN_LENGTH),
        includePrereleases: false
      }
    }
  },
  {
    name: 'tag-pattern with a semver tag',
    inputs: { image: 'nginx', tag: 'semver:^1', 'tag-pattern': '-alpine$' },
    expect: {
      reference: { ...NGINX, tag: undefined },
      tagRange: '^1',
      listTags: true,
      tagQuery: {
        sort: 'semver',
        patternSource: '-alpine$',
        includePrereleases: false
      }
    }
  },
  // tag-sort and max-update, set, list the tags
  {
    name: 'tag-sort lexical',
    inputs: { image: 'nginx', 'tag-sort': 'lexical' },
    expect: {
      listTags: true,
      tagQuery: { sort: 'lexical', includePrereleases: false }
    }
  },
  {
    name: 'tag-sort LEXICAL in any case',
    inputs: { image: 'nginx', 'tag-sort': 'LEXICAL' },
    expect: {
      listTags: true,
      tagQuery: { sort: 'lexical', includePrereleases: false }
    }
  },
  {
    name: 'tag-sort semver, the default, written out',
    inputs: { image: 'nginx', 'tag-sort': 'semver' },
    expect: { listTags: true }
  },
  {
    name: 'tag-sort docker',
    inputs: { image: 'python:3.12-slim', 'tag-sort': 'Docker' },
    expect: {
      reference: { ...PYTHON, tag: '3.12-slim' },
      listTags: true,
      tagQuery: { sort: 'docker', includePrereleases: false }
    }
  },
  ...(['major', 'minor', 'patch', 'MINOR'] as const).map((text) => ({
    name: `max-update ${text}`,
    inputs: {
      image: 'python:3.12-slim',
      'tag-sort': 'docker',
      'max-update': text
    },
    expect: {
      reference: { ...PYTHON, tag: '3.12-slim' },
      listTags: true,
      tagQuery: {
        sort: 'docker' as const,
        maxUpdate: text.toLowerCase() as 'major' | 'minor' | 'patch',
        includePrereleases: false
      }
    }
  })),
  // dockerfile, build-args, compare-to-dockerfile (files in the workspace)
  {
    name: "dockerfile without image: its last stage's base is inspected",
    inputs: { dockerfile: 'Dockerfile' },
    expect: {
      reference: { ...PYTHON, tag: '3.12-slim' },
      dockerfile: {
        path: 'Dockerfile',
        images: [PY_312_BUILD],
        final: PY_312_BUILD
      }
    }
  },
  {
    name: 'build-args override an ARG default',
    inputs: { dockerfile: './Dockerfile', 'build-args': 'PY=3.13\n# c\n' },
    expect: {
      reference: { ...PYTHON, tag: '3.13-slim' },
      dockerfile: {
        path: './Dockerfile',
        images: [
          { ...PY_312_BUILD, reference: { ...PYTHON, tag: '3.13-slim' } }
        ],
        final: { ...PY_312_BUILD, reference: { ...PYTHON, tag: '3.13-slim' } }
      }
    }
  },
  {
    name: 'dockerfile: a literal --platform is the platform inspected',
    inputs: { dockerfile: 'arm.Dockerfile' },
    expect: {
      reference: { ...ALPINE, tag: '3.20' },
      platform: { os: 'linux', architecture: 'arm64' },
      dockerfile: {
        path: 'arm.Dockerfile',
        images: [ALPINE_ARM],
        final: ALPINE_ARM
      }
    }
  },
  {
    name: 'dockerfile with image: the image is inspected, the file reported',
    inputs: { image: 'nginx', dockerfile: 'scratch.Dockerfile' },
    expect: {
      dockerfile: {
        path: 'scratch.Dockerfile',
        images: [
          {
            stage: 'build',
            index: 0,
            line: 1,
            reference: { ...ALPINE, tag: '3.20' }
          }
        ],
        final: undefined
      }
    }
  },
  {
    name: 'compare-to-dockerfile: its base is compare-to',
    inputs: { image: 'nginx', 'compare-to-dockerfile': 'base/Dockerfile' },
    expect: { compareTo: { ...PYTHON, tag: '3.11-slim' } }
  },
  {
    name: 'max-update alone lists the tags, semver',
    inputs: { image: 'nginx:1.27.0', 'max-update': 'patch' },
    expect: {
      reference: { ...NGINX, tag: '1.27.0' },
      listTags: true,
      tagQuery: {
        sort: 'semver',
        maxUpdate: 'patch',
        includePrereleases: false
      }
    }
  },

  // previous-digest and cache-dir
  {
    name: 'previous-digest sha256',
    inputs: { image: 'nginx', 'previous-digest': D },
    expect: { previousDigest: D }
  },
  {
    name: 'previous-digest sha512',
    inputs: { image: 'nginx', 'previous-digest': D512 },
    expect: { previousDigest: D512 }
  },
  {
    name: 'cache-dir',
    inputs: { image: 'nginx', 'cache-dir': '/tmp/image-cache' },
    expect: { cacheDir: '/tmp/image-cache' }
  },

  // check-base, base-image (implies it), provenance (check-base reads it too)
  ...booleanRows('check-base', (checkBase) => ({
    checkBase,
    readProvenance: checkBase
  })),
  ...booleanRows('provenance', (readProvenance) => ({ readProvenance })),
  {
    name: 'base-image: a short name is Docker Hub, latest',
    inputs: { image: 'nginx', 'base-image': 'alpine' },
    expect: {
      checkBase: true,
      readProvenance: true,
      baseImage: { domain: 'docker.io', path: 'library/alpine', tag: 'latest' }
    }
  },
  {
    name: 'base-image on another registry, with check-base true as well',
    inputs: {
      image: 'nginx',
      'base-image': 'ghcr.io/org/base:3.20',
      'check-base': 'true'
    },
    expect: {
      checkBase: true,
      readProvenance: true,
      baseImage: { domain: 'ghcr.io', path: 'org/base', tag: '3.20' }
    }
  },
  {
    name: 'base-image pinned by digest: no latest added',
    inputs: { image: 'nginx', 'base-image': `alpine@${D}` },
    expect: {
      checkBase: true,
      readProvenance: true,
      baseImage: { domain: 'docker.io', path: 'library/alpine', digest: D }
    }
  },
  {
    name: 'the rule "base is current" turns the base check on',
    inputs: { image: 'nginx', assert: 'Base  IS current' },
    expect: {
      checkBase: true,
      readProvenance: true,
      rules: [{ kind: 'base', text: 'Base  IS current', line: 1 }]
    }
  }
]

describe('one image: what each input becomes', () => {
  test('the defaults with only image', async () => {
    expect(await read({ image: 'nginx' })).toEqual(SINGLE_DEFAULTS)
  })

  test("action.yml's defaults, passed as the runner does, change nothing", async () => {
    for (const [name, value] of actionYmlInputs()) {
      // The runner evaluates ${{ github.token }}; images has no default.
      if (value === '${{ github.token }}') setInputs({ [name]: 'ghs_runner' })
      else if (value !== undefined) setInputs({ [name]: value })
    }
    expect(await read({ image: 'nginx' })).toEqual({
      ...SINGLE_DEFAULTS,
      githubToken: 'ghs_runner'
    })
  })

  test('readInputs() for one image is getInputs() plus the mode', async () => {
    setInputs({
      image: 'ghcr.io/org/app:v2',
      'compare-to': 'nginx:1.26',
      username: 'me',
      password: 's3cret',
      platform: 'linux/arm64',
      'tag-pattern': '^v'
    })
    expect(await readInputs()).toEqual({
      mode: 'single',
      ...(await getInputs())
    })
  })

  test.each(singleRows)('$name', async (row) => {
    expect(await read(row.inputs)).toEqual({
      ...SINGLE_DEFAULTS,
      ...row.expect
    })
  })
})

// ---------------------------------------------------------------------------
// Many images: the `images` lines and the settings they share.
// ---------------------------------------------------------------------------

interface BatchRow {
  name: string
  inputs: With
  /** Everything but mode and the settings that stay at BATCH_DEFAULTS. */
  expect: Partial<BatchInputs> & { images: BatchEntry[] }
}

/** `ghcr.io/org/app0` … as `images` lines, and what each becomes. */
const manyApps = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => `ghcr.io/org/app${i}`)
const latestOf = (input: string): BatchEntry => {
  const [domain, ...path] = input.split('/')
  return { input, reference: { domain, path: path.join('/'), tag: 'latest' } }
}

const batchRows: BatchRow[] = [
  // The base check works for many images: each against one base.
  {
    name: 'images with base-image: each checked against it',
    inputs: { images: 'ghcr.io/org/app0', 'base-image': 'alpine:3.20' },
    expect: {
      images: [latestOf('ghcr.io/org/app0')],
      checkBase: true,
      readProvenance: true,
      baseImage: { domain: 'docker.io', path: 'library/alpine', tag: '3.20' }
    }
  },
  {
    name: 'images with provenance only',
    inputs: { images: 'ghcr.io/org/app0', provenance: 'true' },
    expect: { images: [latestOf('ghcr.io/org/app0')], readProvenance: true }
  },
  // Switches for one image, set to false, are no conflict.
  {
    name: 'single-image switches spelt false in any way',
    inputs: {
      images: 'nginx',
      comment: 'no',
      'list-tags': 'FALSE',
      'report-only': '0',
      'include-prereleases': 'off'
    },
    expect: {
      images: [{ input: 'nginx', reference: { ...NGINX, tag: 'latest' } }]
    }
  },
  // The lines.
  {
    name: 'one image, default tag latest',
    inputs: { images: 'nginx' },
    expect: {
      images: [{ input: 'nginx', reference: { ...NGINX, tag: 'latest' } }]
    }
  },
  {
    name: 'lines trimmed; comments, blank and CRLF lines skipped',
    inputs: {
      images: `# base images\r\n  nginx:1.27  \r\n\r\n\tghcr.io/org/app@${D}\r\n   # done\n`
    },
    expect: {
      images: [
        { input: 'nginx:1.27', reference: { ...NGINX, tag: '1.27' } },
        {
          input: `ghcr.io/org/app@${D}`,
          reference: { domain: 'ghcr.io', path: 'org/app', digest: D }
        }
      ]
    }
  },
  {
    name: 'the same line twice is one entry; other spellings stay apart',
    inputs: { images: 'nginx\nredis\n nginx\ndocker.io/library/nginx' },
    expect: {
      images: [
        { input: 'nginx', reference: { ...NGINX, tag: 'latest' } },
        {
          input: 'redis',
          reference: {
            domain: 'docker.io',
            path: 'library/redis',
            tag: 'latest'
          }
        },
        {
          input: 'docker.io/library/nginx',
          reference: { ...NGINX, tag: 'latest' }
        }
      ]
    }
  },
  {
    name: 'invalid lines are entries with their error, in order',
    inputs: { images: 'Nginx\nnginx:1.27\nhttps://ghcr.io/org/app' },
    expect: {
      images: [
        {
          input: 'Nginx',
          error:
            '"Nginx" is not a valid image reference: repository name "Nginx" must be lowercase'
        },
        { input: 'nginx:1.27', reference: { ...NGINX, tag: '1.27' } },
        {
          input: 'https://ghcr.io/org/app',
          error:
            '"https://ghcr.io/org/app" is not a valid image reference: a reference has no URL scheme: write "ghcr.io/org/app", not "https://ghcr.io/org/app"'
        }
      ]
    }
  },
  {
    name: '256 images, the limit',
    inputs: { images: manyApps(256).join('\n') },
    expect: { images: manyApps(256).map(latestOf) }
  },
  {
    name: 'limit counts after duplicates: 300 copies are one image',
    inputs: { images: Array(300).fill('ghcr.io/org/app0').join('\n') },
    expect: { images: manyApps(1).map(latestOf) }
  },

  // Credentials: tied to the one registry of the valid lines.
  {
    name: 'username and password for images on one registry',
    inputs: {
      images: 'ghcr.io/org/a\nghcr.io/org/b:v2',
      username: 'me',
      password: 's3cret'
    },
    expect: {
      images: [
        latestOf('ghcr.io/org/a'),
        {
          input: 'ghcr.io/org/b:v2',
          reference: { domain: 'ghcr.io', path: 'org/b', tag: 'v2' }
        }
      ],
      given: {
        credentials: { username: 'me', password: 's3cret' },
        domain: 'ghcr.io',
        source: SOURCE
      }
    }
  },
  {
    name: 'one registry however its host is cased',
    inputs: {
      images: 'myreg.io/org/a\nMyReg.io/org/b',
      username: 'me',
      password: 's3cret'
    },
    expect: {
      images: [latestOf('myreg.io/org/a'), latestOf('MyReg.io/org/b')],
      given: {
        credentials: { username: 'me', password: 's3cret' },
        domain: 'myreg.io',
        source: SOURCE
      }
    }
  },
  {
    name: 'an invalid line does not count as a registry',
    inputs: {
      images: 'ghcr.io/org/a\nBAD.io/Org/App',
      username: 'me',
      password: 's3cret'
    },
    expect: {
      images: [
        latestOf('ghcr.io/org/a'),
        {
          input: 'BAD.io/Org/App',
          error:
            '"BAD.io/Org/App" is not a valid image reference: repository name "Org/App" must be lowercase'
        }
      ],
      given: {
        credentials: { username: 'me', password: 's3cret' },
        domain: 'ghcr.io',
        source: SOURCE
      }
    }
  },
  {
    name: 'no valid line: the credentials go nowhere',
    inputs: { images: 'Nginx', username: 'me', password: 's3cret' },
    expect: {
      images: [
        {
          input: 'Nginx',
          error:
            '"Nginx" is not a valid image reference: repository name "Nginx" must be lowercase'
        }
      ],
      given: undefined
    }
  },

  // Shared settings are read as for one image.
  {
    name: 'platform, durations, retries, insecure-registries and cache-dir',
    inputs: {
      images: 'registry.local:5000/app',
      platform: 'linux/aarch64',
      'request-timeout': '10s',
      timeout: '2m',
      retries: '0',
      'max-retry-wait': '0',
      'wait-for': '30s',
      'insecure-registries': 'http://Registry.local:5000/',
      'cache-dir': '/tmp/image-cache'
    },
    expect: {
      images: [latestOf('registry.local:5000/app')],
      platform: { os: 'linux', architecture: 'arm64' },
      requestTimeoutMs: 10_000,
      timeoutMs: 120_000,
      retries: 0,
      maxRetryWaitMs: 0,
      waitForMs: 30_000,
      insecureRegistries: ['registry.local:5000'],
      cacheDir: '/tmp/image-cache'
    }
  },
  {
    name: "single-image inputs at the runner's defaults are fine",
    inputs: { images: 'nginx', 'list-tags': 'false', comment: 'false' },
    expect: {
      images: [{ input: 'nginx', reference: { ...NGINX, tag: 'latest' } }]
    }
  }
]

describe('many images: what images and the shared inputs become', () => {
  test.each(batchRows)('$name', async (row) => {
    expect(await read(row.inputs)).toEqual({
      ...BATCH_DEFAULTS,
      ...row.expect
    })
  })
})

// ---------------------------------------------------------------------------
// Every mistake, with its exact message.
// ---------------------------------------------------------------------------

interface ErrorRow {
  name: string
  inputs: With
  error: string
}

/** Inputs that only make sense for one image, each set with `images`. */
const SINGLE_ONLY: With = {
  tag: '1.27',
  'compare-to': 'nginx:1.26',
  assert: 'user is not root',
  'previous-digest': D,
  'list-tags': 'true',
  'tag-pattern': '^v',
  comment: 'true',
  'tag-sort': 'lexical',
  'report-only': 'yes',
  'include-prereleases': 'on',
  'max-update': 'minor',
  dockerfile: 'Dockerfile',
  'compare-to-dockerfile': 'Dockerfile',
  'build-args': 'A=1'
}

const errorRows: ErrorRow[] = [
  // durations a job or a Node timer cannot wait
  {
    name: 'request-timeout of 600h',
    inputs: { image: 'nginx', 'request-timeout': '600h' },
    error:
      'Input \'request-timeout\': "600h" is longer than 24h, the most allowed.'
  },
  {
    name: 'wait-for of 400 digits',
    inputs: { image: 'nginx', 'wait-for': '9'.repeat(400) },
    error: `Input 'wait-for': "${'9'.repeat(400)}" is longer than 24h, the most allowed.`
  },
  // a wrong value is quoted as written
  {
    name: 'report-only in mixed case',
    inputs: { image: 'nginx', 'report-only': 'Maybe' },
    error:
      'Input \'report-only\': "Maybe" is not a boolean: write true or false.'
  },
  {
    name: 'tag-sort in mixed case',
    inputs: { image: 'nginx', 'tag-sort': 'Alpha' },
    error:
      'Input \'tag-sort\': "Alpha" is not a sort order: write semver, docker (Docker-style tags such as 3.12-slim) or lexical.'
  },
  {
    name: 'a switch with images, misspelt',
    inputs: { images: 'nginx', 'report-only': 'maybe' },
    error:
      'Input \'report-only\': "maybe" is not a boolean: write true or false.'
  },
  // image and images
  {
    name: 'no image',
    inputs: {},
    error:
      "Input 'image': is required: give the image to inspect, a 'dockerfile' whose base image to inspect, or several images, one per line, in 'images'."
  },
  {
    name: 'image of only whitespace',
    inputs: { image: '  \n ' },
    error:
      "Input 'image': is required: give the image to inspect, a 'dockerfile' whose base image to inspect, or several images, one per line, in 'images'."
  },
  {
    name: 'both image and images',
    inputs: { image: 'nginx', images: 'redis' },
    error:
      "Input 'images': give either 'image' (one reference) or 'images' (one per line), not both."
  },
  ...Object.entries(SINGLE_ONLY).map(([input, value]) => ({
    name: `${input} with images`,
    inputs: { images: 'nginx', [input]: value },
    error: `Input '${input}': ${SINGLE_ONLY_PROBLEM}`
  })),
  {
    name: 'images with only comments and blank lines',
    inputs: { images: '# later\n\n   \n# maybe' },
    error: "Input 'images': lists no image: give one reference per line."
  },
  {
    name: 'images with 257 lines',
    inputs: { images: manyApps(257).join('\n') },
    error: "Input 'images': lists 257 images; at most 256 per step."
  },
  {
    name: 'platform all with images',
    inputs: { images: 'nginx', platform: 'all' },
    error:
      "Input 'platform': 'all' works with a single 'image', not with 'images'."
  },
  {
    name: 'username and password with images on two registries',
    inputs: {
      images: 'nginx\nghcr.io/org/app\nredis',
      username: 'me',
      password: 's3cret'
    },
    error:
      "Input 'username': the images are on 2 registries (docker.io, ghcr.io); 'username'/'password' would go to all of them. Log in to each with docker/login-action instead."
  },
  {
    name: 'username and password with images on three registries',
    inputs: {
      images: 'quay.io/org/a\nghcr.io/org/b\nlocalhost:5000/c',
      username: 'me',
      password: 's3cret'
    },
    error:
      "Input 'username': the images are on 3 registries (quay.io, ghcr.io, localhost:5000); 'username'/'password' would go to all of them. Log in to each with docker/login-action instead."
  },

  // username and password
  {
    name: 'username without password',
    inputs: { image: 'nginx', username: 'me' },
    error:
      "Input 'password': 'username' and 'password' go together; only 'username' was given."
  },
  // on a runner `password: ${{ secrets.UNSET }}` passes an empty string
  {
    name: 'username with an empty password',
    inputs: { image: 'nginx', username: 'me', password: '' },
    error: EMPTY_PASSWORD
  },
  {
    name: 'username with a password of only whitespace',
    inputs: { image: 'nginx', username: 'me', password: ' \n ' },
    error: EMPTY_PASSWORD
  },
  {
    name: 'username with an empty password, with images',
    inputs: { images: 'nginx', username: 'me', password: '' },
    error: EMPTY_PASSWORD
  },
  // `username: ${{ vars.UNSET }}` passes an empty string too
  {
    name: 'password with an empty username',
    inputs: { image: 'nginx', username: '', password: 's3cret' },
    error: EMPTY_USERNAME
  },
  {
    name: 'password with a username of only whitespace, with images',
    inputs: { images: 'nginx', username: ' \t', password: 's3cret' },
    error: EMPTY_USERNAME
  },
  {
    name: 'password without username',
    inputs: { image: 'nginx', password: 's3cret' },
    error:
      "Input 'username': 'username' and 'password' go together; only 'password' was given."
  },
  {
    name: 'username without password, with images',
    inputs: { images: 'nginx', username: 'me' },
    error:
      "Input 'password': 'username' and 'password' go together; only 'username' was given."
  },

  // platform
  {
    name: 'platform without an architecture',
    inputs: { image: 'nginx', platform: 'linux' },
    error:
      'Input \'platform\': "linux" is not a platform: write os/arch or os/arch/variant (e.g. linux/amd64, linux/arm64, linux/arm/v7), or all.'
  },
  {
    name: 'platform with four parts',
    inputs: { image: 'nginx', platform: 'linux/arm/v7/extra' },
    error:
      'Input \'platform\': "linux/arm/v7/extra" is not a platform: write os/arch or os/arch/variant (e.g. linux/amd64, linux/arm64, linux/arm/v7), or all.'
  },
  {
    name: 'platform with a space',
    inputs: { image: 'nginx', platform: 'linux amd64' },
    error:
      'Input \'platform\': "linux amd64" is not a platform: write os/arch or os/arch/variant (e.g. linux/amd64, linux/arm64, linux/arm/v7), or all.'
  },

  // Durations
  {
    name: 'request-timeout under 100 ms',
    inputs: { image: 'nginx', 'request-timeout': '99ms' },
    error: `Input 'request-timeout': "99ms" is not a duration of at least 100 ms: ${DURATION_HINT}`
  },
  {
    name: 'request-timeout 0.05 seconds',
    inputs: { image: 'nginx', 'request-timeout': '0.05' },
    error: `Input 'request-timeout': "0.05" is not a duration of at least 100 ms: ${DURATION_HINT}`
  },
  {
    name: 'request-timeout with a space between parts',
    inputs: { image: 'nginx', 'request-timeout': '1m 30s' },
    error: `Input 'request-timeout': "1m 30s" is not a duration of at least 100 ms: ${DURATION_HINT}`
  },
  {
    name: 'timeout 0',
    inputs: { image: 'nginx', timeout: '0' },
    error: `Input 'timeout': "0" is not a duration of at least 100 ms: ${DURATION_HINT}`
  },
  {
    name: 'timeout in words',
    inputs: { image: 'nginx', timeout: '5 minutes' },
    error: `Input 'timeout': "5 minutes" is not a duration of at least 100 ms: ${DURATION_HINT}`
  },
  {
    name: 'max-retry-wait negative',
    inputs: { image: 'nginx', 'max-retry-wait': '-1' },
    error: `Input 'max-retry-wait': "-1" is not a duration: ${DURATION_HINT}`
  },
  {
    name: 'wait-for in days (no d unit)',
    inputs: { image: 'nginx', 'wait-for': '1d' },
    error: `Input 'wait-for': "1d" is not a duration: ${DURATION_HINT}`
  },
  {
    name: 'wait-for a word',
    inputs: { image: 'nginx', 'wait-for': 'soon' },
    error: `Input 'wait-for': "soon" is not a duration: ${DURATION_HINT}`
  },

  // retries
  ...['100', '-1', '1.5', 'three', '1e1'].map((retries) => ({
    name: `retries ${retries}`,
    inputs: { image: 'nginx', retries },
    error: `Input 'retries': "${retries}" is not a number of retries: write a whole number from 0 to 99.`
  })),

  // Booleans
  {
    name: 'list-tags maybe',
    inputs: { image: 'nginx', 'list-tags': 'maybe' },
    error: 'Input \'list-tags\': "maybe" is not a boolean: write true or false.'
  },
  {
    name: 'include-prereleases y',
    inputs: { image: 'nginx', 'include-prereleases': 'y' },
    error:
      'Input \'include-prereleases\': "y" is not a boolean: write true or false.'
  },
  {
    name: 'report-only enabled',
    inputs: { image: 'nginx', 'report-only': 'enabled' },
    error:
      'Input \'report-only\': "enabled" is not a boolean: write true or false.'
  },
  {
    name: 'comment 2',
    inputs: { image: 'nginx', 'compare-to': 'nginx:1.26', comment: '2' },
    error: 'Input \'comment\': "2" is not a boolean: write true or false.'
  },

  // insecure-registries: the first bad entry, as written.
  {
    name: 'insecure-registries with https://',
    inputs: { image: 'nginx', 'insecure-registries': 'https://registry.local' },
    error: `Input 'insecure-registries': "https://registry.local" is not a registry host: ${REGISTRY_HINT}`
  },
  {
    name: 'insecure-registries with port 0',
    inputs: { image: 'nginx', 'insecure-registries': 'registry.local:0' },
    error: `Input 'insecure-registries': "registry.local:0" is not a registry host: ${REGISTRY_HINT}`
  },
  {
    name: 'insecure-registries with port 65536',
    inputs: { image: 'nginx', 'insecure-registries': 'registry.local:65536' },
    error: `Input 'insecure-registries': "registry.local:65536" is not a registry host: ${REGISTRY_HINT}`
  },
  {
    name: 'insecure-registries with a path',
    inputs: {
      image: 'nginx',
      'insecure-registries': 'http://registry.local:5000/v2/'
    },
    error: `Input 'insecure-registries': "http://registry.local:5000/v2/" is not a registry host: ${REGISTRY_HINT}`
  },
  {
    name: 'insecure-registries: the bad one among good ones',
    inputs: {
      image: 'nginx',
      'insecure-registries': 'good.local\nalso.good:5000, -bad.local'
    },
    error: `Input 'insecure-registries': "-bad.local" is not a registry host: ${REGISTRY_HINT}`
  },
  {
    name: 'insecure-registries with an underscore',
    inputs: { image: 'nginx', 'insecure-registries': 'my_registry.local' },
    error: `Input 'insecure-registries': "my_registry.local" is not a registry host: ${REGISTRY_HINT}`
  },

  // image and compare-to references: the broken rule, then examples.
  {
    name: 'image as a URL',
    inputs: { image: 'https://ghcr.io/org/app' },
    error:
      'Input \'image\': "https://ghcr.io/org/app" is not a valid image reference: a reference has no URL scheme: write "ghcr.io/org/app", not "https://ghcr.io/org/app". Examples: nginx, nginx:1.27, ghcr.io/org/app:v1, registry.example.com:5000/team/app@sha256:<64 hex>.'
  },
  {
    name: 'image in upper case',
    inputs: { image: 'Nginx' },
    error: `Input 'image': "Nginx" is not a valid image reference: repository name "Nginx" must be lowercase. ${EXAMPLES}`
  },
  {
    name: 'image with an empty tag',
    inputs: { image: 'nginx:' },
    error: `Input 'image': "nginx:" is not a valid image reference: tag "" is not valid: up to 128 letters, digits, "_", "." and "-", not starting with "." or "-". ${EXAMPLES}`
  },
  {
    name: 'image on port 0',
    inputs: { image: 'registry.local:0/app' },
    error: `Input 'image': "registry.local:0/app" is not a valid image reference: "registry.local:0" has port 0; a port is a number from 1 to 65535. ${EXAMPLES}`
  },
  {
    name: 'image with a short digest',
    inputs: { image: 'nginx@sha256:abc' },
    error: `Input 'image': "nginx@sha256:abc" is not a valid image reference: digest "sha256:abc" is not valid: sha256 needs exactly 64 lowercase hex digits. ${EXAMPLES}`
  },
  {
    name: 'image with whitespace inside',
    inputs: { image: 'nginx 1.27' },
    error: `Input 'image': "nginx 1.27" is not a valid image reference: a reference cannot contain whitespace. ${EXAMPLES}`
  },
  {
    name: 'compare-to in upper case',
    inputs: { image: 'nginx', 'compare-to': 'ghcr.io/Org/app' },
    error: `Input 'compare-to': "ghcr.io/Org/app" is not a valid image reference: repository name "Org/app" must be lowercase. ${EXAMPLES}`
  },
  {
    name: 'compare-to as an image ID',
    inputs: { image: 'nginx', 'compare-to': 'ab'.repeat(32) },
    error: `Input 'compare-to': "${'ab'.repeat(32)}" is not a valid image reference: a reference cannot be a bare 64-character hex string (that looks like an image ID). ${EXAMPLES}`
  },

  // tag
  {
    name: 'semver tag with a tag in image',
    inputs: { image: 'nginx:1.27', tag: 'semver:^1' },
    error:
      "Input 'tag': a semver selector picks the tag, so 'image' must not name one (\"nginx:1.27\")."
  },
  {
    name: 'semver tag with a digest in image',
    inputs: { image: `nginx@${D}`, tag: 'semver:*' },
    error: `Input 'tag': a semver selector picks the tag, so 'image' must not name one ("nginx@${D}").`
  },
  {
    name: 'tag starting with a dot',
    inputs: { image: 'nginx', tag: '.hidden' },
    error:
      'Input \'tag\': ".hidden" is not a valid tag: up to 128 letters, digits, "_", "." and "-", not starting with "." or "-".'
  },
  {
    name: 'tag with a colon (SEMVER: is not semver:)',
    inputs: { image: 'nginx', tag: 'SEMVER:^1' },
    error:
      'Input \'tag\': "SEMVER:^1" is not a valid tag: up to 128 letters, digits, "_", "." and "-", not starting with "." or "-".'
  },
  {
    name: 'tag of 129 characters',
    inputs: { image: 'nginx', tag: 'v'.repeat(129) },
    error: `Input 'tag': "${'v'.repeat(129)}" is not a valid tag: up to 128 letters, digits, "_", "." and "-", not starting with "." or "-".`
  },
  {
    name: 'tag input conflicts with the tag in image',
    inputs: { image: 'nginx:1.27', tag: '1.26' },
    error:
      'Input \'tag\': "1.26" conflicts with the tag "1.27" in the \'image\' input. Give the tag in one place only.'
  },
  {
    name: 'tag latest conflicts with another tag in image',
    inputs: { image: 'ghcr.io/org/app:v1', tag: 'latest' },
    error:
      'Input \'tag\': "latest" conflicts with the tag "v1" in the \'image\' input. Give the tag in one place only.'
  },

  // assert: line number (as written) and text of the bad rule.
  {
    name: 'assert: bad user rule',
    inputs: { image: 'nginx', assert: 'user is admin' },
    error:
      'Input \'assert\': line 1 "user is admin": write "user is root" or "user is not root".'
  },
  {
    name: 'assert: line counted with comments and blank lines',
    inputs: { image: 'nginx', assert: '# gate\n\nlabel vendor' },
    error:
      'Input \'assert\': line 3 "label vendor": "(nothing)" is not an operator: use exists, missing, ==, !=, =~ or !~.'
  },
  {
    name: 'assert: unknown subject',
    inputs: { image: 'nginx', assert: 'colour == red' },
    error:
      'Input \'assert\': line 1 "colour == red": expected one of: label KEY exists|missing, label KEY ==|!=|=~|!~ VALUE, env NAME … (same forms), user is [not] root, platforms include|exclude os/arch[, …], age <|> DURATION (e.g. 30d), base is current.'
  },
  {
    name: 'assert: bad age',
    inputs: { image: 'nginx', assert: 'age < soon' },
    error:
      'Input \'assert\': line 1 "age < soon": "soon" is not a duration: write e.g. 90m, 12h, 30d, 2w.'
  },
  {
    name: 'assert: bad platform',
    inputs: { image: 'nginx', assert: 'platforms include linux' },
    error:
      'Input \'assert\': line 1 "platforms include linux": "linux" is not a platform (os/arch[/variant]).'
  },
  {
    name: 'assert: regular expression too long',
    inputs: {
      image: 'nginx',
      assert: `env PATH =~ ${'x'.repeat(MAX_PATTERN_LENGTH + 1)}`
    },
    error: `Input 'assert': line 1 "env PATH =~ ${'x'.repeat(MAX_PATTERN_LENGTH + 1)}": the regular expression is longer than ${MAX_PATTERN_LENGTH} characters.`
  },
  {
    name: 'assert: 501 rules',
    inputs: {
      image: 'nginx',
      assert: Array(501).fill('user is not root').join('\n')
    },
    error: 'Input \'assert\': line 501 "…": at most 500 rules are allowed.'
  },

  // compare-to, comment, github-token
  {
    name: 'compare-to with platform all',
    inputs: { image: 'nginx', 'compare-to': 'nginx:1.26', platform: 'all' },
    error:
      "Input 'compare-to': compares one platform: set 'platform' to one (e.g. linux/amd64) rather than all."
  },
  {
    name: 'comment without compare-to',
    inputs: { image: 'nginx', comment: 'true', 'github-token': 'ghs_token' },
    error:
      "Input 'comment': a comment shows a comparison: set 'compare-to' as well."
  },
  {
    name: 'comment without a token',
    inputs: { image: 'nginx', 'compare-to': 'nginx:1.26', comment: 'true' },
    error:
      "Input 'github-token': posting a comment needs a token (the default is the workflow's GITHUB_TOKEN)."
  },

  // Tag listing
  // tag-sort docker and max-update
  {
    name: 'max-update of a kind that does not exist',
    inputs: { image: 'python:3.12', 'max-update': 'Huge' },
    error:
      'Input \'max-update\': "Huge" is not an update type: write major (any newer tag), minor or patch.'
  },
  {
    name: 'max-update with tag-sort lexical',
    inputs: { image: 'app:2024', 'tag-sort': 'lexical', 'max-update': 'minor' },
    error:
      "Input 'max-update': needs versions, and tag-sort lexical has none: use tag-sort docker or semver."
  },
  {
    name: 'tag-sort docker with a semver selector',
    inputs: { image: 'python', tag: 'semver:^3', 'tag-sort': 'docker' },
    error:
      "Input 'tag-sort': docker compares tags with the one in 'image'; a semver: selector in 'tag' orders tags as semver. Remove one of them."
  },
  // dockerfile, build-args, compare-to-dockerfile
  {
    name: 'build-args without a Dockerfile',
    inputs: { image: 'nginx', 'build-args': 'PY=3.13' },
    error:
      "Input 'build-args': are for the ARGs of a Dockerfile: set 'dockerfile' as well."
  },
  {
    name: 'build-args line without a name',
    inputs: { dockerfile: 'Dockerfile', 'build-args': '=3.13' },
    error:
      'Input \'build-args\': "=3.13" is not NAME=VALUE with a name of letters, digits and "_": write one build argument per line, e.g. PYTHON_VERSION=3.12.'
  },
  {
    name: 'build-args name with a dash',
    inputs: { dockerfile: 'Dockerfile', 'build-args': 'PY-VERSION=3' },
    error:
      'Input \'build-args\': "PY-VERSION=3" is not NAME=VALUE with a name of letters, digits and "_": write one build argument per line, e.g. PYTHON_VERSION=3.12.'
  },
  {
    name: 'compare-to-dockerfile and compare-to',
    inputs: {
      image: 'nginx',
      'compare-to': 'nginx:1',
      'compare-to-dockerfile': 'Dockerfile'
    },
    error:
      "Input 'compare-to-dockerfile': names the image to compare with, as 'compare-to' does: give one of them."
  },
  {
    name: 'dockerfile whose last stage is scratch, without image',
    inputs: { dockerfile: 'scratch.Dockerfile' },
    error:
      "Input 'dockerfile': scratch.Dockerfile builds its last stage FROM scratch: there is no base image to inspect. Set 'image' to inspect another one."
  },
  {
    name: 'compare-to-dockerfile whose last stage is scratch',
    inputs: { image: 'nginx', 'compare-to-dockerfile': 'scratch.Dockerfile' },
    error:
      "Input 'compare-to-dockerfile': scratch.Dockerfile builds its last stage FROM scratch: there is no base image to compare with."
  },
  {
    name: 'dockerfile with an ARG that has no value',
    inputs: { dockerfile: 'bad.Dockerfile' },
    error:
      "Input 'dockerfile': bad.Dockerfile, line 1: FROM: $TAG has no value: declare it before the first FROM with a default (ARG TAG=…) or give it in build-args (TAG=…)."
  },
  {
    name: 'tag with a dockerfile and no image',
    inputs: { dockerfile: 'Dockerfile', tag: '3.13-slim' },
    error:
      "Input 'tag': the tag comes from the FROM on line 2 of Dockerfile; 'tag' goes with 'image'."
  },
  {
    name: 'tag-sort alphabetic',
    inputs: { image: 'nginx', 'tag-sort': 'alphabetic' },
    error:
      'Input \'tag-sort\': "alphabetic" is not a sort order: write semver, docker (Docker-style tags such as 3.12-slim) or lexical.'
  },
  {
    name: `tag-pattern of ${MAX_PATTERN_LENGTH + 1} characters`,
    inputs: {
      image: 'nginx',
      'tag-pattern': 'a'.repeat(MAX_PATTERN_LENGTH + 1)
    },
    error: `Input 'tag-pattern': the pattern is longer than ${MAX_PATTERN_LENGTH} characters.`
  },

  // previous-digest
  {
    name: 'previous-digest without an algorithm',
    inputs: { image: 'nginx', 'previous-digest': 'abc' },
    error:
      'Input \'previous-digest\': digest "abc" is not valid: expected "sha256:" followed by 64 hex digits.'
  },
  {
    name: 'previous-digest md5',
    inputs: { image: 'nginx', 'previous-digest': `md5:${'ab'.repeat(16)}` },
    error:
      'Input \'previous-digest\': digest algorithm "md5" is not supported: use sha256 (or sha512).'
  },
  {
    name: 'previous-digest in upper-case hex',
    inputs: {
      image: 'nginx',
      'previous-digest': D.toUpperCase().replace('SHA256', 'sha256')
    },
    error: `Input 'previous-digest': digest "${D.toUpperCase().replace('SHA256', 'sha256')}" is not valid: sha256 needs exactly 64 lowercase hex digits.`
  },
  {
    name: 'previous-digest too short',
    inputs: { image: 'nginx', 'previous-digest': 'sha256:abc' },
    error:
      'Input \'previous-digest\': digest "sha256:abc" is not valid: sha256 needs exactly 64 lowercase hex digits.'
  },
  // the base check
  {
    name: 'base-image not a reference',
    inputs: { image: 'nginx', 'base-image': 'Alpine:3.20' },
    error: `Input 'base-image': "Alpine:3.20" is not a valid image reference: repository name "Alpine" must be lowercase. ${EXAMPLES}`
  },
  {
    name: 'base-image with check-base false',
    inputs: { image: 'nginx', 'base-image': 'alpine', 'check-base': 'false' },
    error:
      "Input 'check-base': is false, but 'base-image' asks for a base check: remove one of them."
  },
  {
    name: 'the rule "base is current" with check-base false',
    inputs: { image: 'nginx', assert: 'base is current', 'check-base': 'no' },
    error:
      "Input 'check-base': is false, but the rule 'base is current' in 'assert' needs a base check: remove one of them."
  },
  {
    name: 'a base rule that is not "base is current"',
    inputs: { image: 'nginx', assert: 'base is fresh' },
    error: 'Input \'assert\': line 1 "base is fresh": write "base is current".'
  },
  {
    name: 'check-base misspelt',
    inputs: { image: 'nginx', 'check-base': 'sure' },
    error: 'Input \'check-base\': "sure" is not a boolean: write true or false.'
  },
  {
    name: 'provenance misspelt',
    inputs: { images: 'nginx', provenance: 'maybe' },
    error:
      'Input \'provenance\': "maybe" is not a boolean: write true or false.'
  }
]

describe('every mistake and its message', () => {
  test.each(errorRows)('$name', async (row) => {
    const error = await inputError(row.inputs)
    expect(error.message).toBe(row.error)
    // The message names the input the error is for.
    expect(error.message.startsWith(`Input '${error.input}': `)).toBe(true)
  })
})

// ---------------------------------------------------------------------------
// Masking: readInputs() itself masks the secrets, and writes nothing else.
// ---------------------------------------------------------------------------

interface MaskRow {
  name: string
  inputs: With
  /** The values masked, in order; nothing else may reach stdout. */
  masked: string[]
}

const maskRows: MaskRow[] = [
  {
    name: 'no secrets: nothing written',
    inputs: { image: 'nginx', username: '', 'compare-to': 'nginx:1.26' },
    masked: []
  },
  {
    name: 'password with username',
    inputs: { image: 'nginx', username: 'me', password: 's3cret' },
    masked: ['s3cret']
  },
  {
    name: 'password without username: masked before the error',
    inputs: { image: 'nginx', password: 's3cret' },
    masked: ['s3cret']
  },
  {
    name: 'password with images',
    inputs: { images: 'nginx', username: 'me', password: 's3cret' },
    masked: ['s3cret']
  },
  {
    name: 'password with images on two registries: masked before the error',
    inputs: {
      images: 'nginx\nghcr.io/a/b',
      username: 'me',
      password: 's3cret'
    },
    masked: ['s3cret']
  },
  {
    name: 'github-token',
    inputs: { image: 'nginx', 'github-token': 'ghs_token' },
    masked: ['ghs_token']
  },
  {
    name: 'github-token with images (never used there, still hidden)',
    inputs: { images: 'nginx', 'github-token': 'ghs_token' },
    masked: ['ghs_token']
  },
  {
    name: 'password with a bad image: masked before the error',
    inputs: { image: 'Nginx', username: 'me', password: 's3cret' },
    masked: ['s3cret']
  },
  {
    name: 'password with a bad platform: masked before the error',
    inputs: {
      image: 'nginx',
      platform: 'x',
      username: 'me',
      password: 's3cret'
    },
    masked: ['s3cret']
  },
  {
    name: 'github-token with comment but no compare-to: masked before the error',
    inputs: { image: 'nginx', comment: 'true', 'github-token': 'ghs_token' },
    masked: ['ghs_token']
  },
  {
    name: 'password and github-token',
    inputs: {
      image: 'nginx',
      username: 'me',
      password: 's3cret',
      'github-token': 'ghs_token'
    },
    masked: ['s3cret', 'ghs_token']
  }
]

describe('secrets are masked while the inputs are read', () => {
  test.each(maskRows)('$name', async (row) => {
    setInputs(row.inputs)
    try {
      await readInputs()
    } catch (error) {
      if (!(error instanceof InputError)) throw error
    }
    expect(stdoutLines()).toEqual(row.masked.map((s) => `::add-mask::${s}`))
  })
})

// ---------------------------------------------------------------------------
// The tables against action.yml.
// ---------------------------------------------------------------------------

describe('the tables cover action.yml', () => {
  const declared = [...actionYmlInputs().keys()]
  const used = new Set(
    [...singleRows, ...batchRows, ...errorRows, ...maskRows].flatMap((row) =>
      Object.keys(row.inputs)
    )
  )

  test('action.yml was read', () => {
    expect(declared).toContain('image')
    expect(declared).toContain('cache-dir')
  })

  test('every row names only inputs that action.yml declares', () => {
    expect([...used].filter((name) => !declared.includes(name))).toEqual([])
  })

  test('every input in action.yml has a row', () => {
    expect(declared.filter((name) => !used.has(name))).toEqual([])
  })
})
