// The base check's cost (issue 11): extra requests and time for one image
// and for `platform: all` on a 3-platform image, with the base named by
// annotations, by BuildKit provenance, and by `base-image` (layers).
//
// Measured by cases.mjs: requests, loopback time and round trips at a
// simulated internet RTT.
import {
  extraCost,
  measureCases,
  printCases,
  withBenchRegistry
} from './cases.mjs'

/** @import { BuiltImage } from '../support/fixtures.mjs' */
/** @import { RunningRegistry } from '../support/registry.mjs' */
/** @import { Case, CaseResult } from './cases.mjs' */

/** Three platforms of a base, one release. */
async function pushBase(
  /** @type {RunningRegistry} */ reg,
  /** @type {typeof import('../support/fixtures.mjs')} */ f,
  /** @type {number} */ n,
  /** @type {string} */ tag
) {
  const images = ['amd64', 'arm64', 's390x'].map((architecture) =>
    f.buildImage({
      os: 'linux',
      architecture,
      seed: `bench-base${n}-${architecture}`,
      layerCount: 3
    })
  )
  const pushed = await f.pushIndex(reg, 'library/alpine', tag, images)
  return { images, index: pushed.digest }
}

/**
 * @param {{ bundle: string, runs: number }} options
 * @returns {Promise<import('./cases.mjs').CasesBench>}
 */
export async function baseCheckBench({ bundle, runs }) {
  return withBenchRegistry('base', async (reg, f, tmp) => {
    const old = await pushBase(reg, f, 1, '3.19')
    const now = await pushBase(reg, f, 2, '3.20')
    const base = `${reg.host}/library/alpine:3.20`
    const on = (
      /** @type {BuiltImage} */ b,
      /** @type {string} */ seed,
      extra = {}
    ) => f.buildImage({ ...b.platform, base: b, seed, layerCount: 2, ...extra })
    // Built on the old release, saying so in annotations (platform digests, as official images do).
    const annotated = old.images.map((b, i) =>
      on(b, `bench-ann-${i}`, {
        annotations: {
          'org.opencontainers.image.base.name': base,
          'org.opencontainers.image.base.digest': b.manifestDigest
        }
      })
    )
    await f.pushIndex(reg, 'bench/app', 'annotated', annotated)
    // Built on the current release, with BuildKit provenance per platform.
    const built = now.images.map((b, i) => on(b, `bench-prov-${i}`))
    await f.pushIndex(reg, 'bench/app', 'provenance', built, {
      attestations: built.map((subject) => ({
        subject,
        statements: [
          f.provenanceStatement({
            subject,
            materials: [
              {
                uri: f.imagePurl(
                  `${reg.host}/library/alpine`,
                  '3.20',
                  `linux/${subject.platform.architecture}`
                ),
                digest: now.index
              }
            ]
          })
        ]
      }))
    })
    // Built on the current release and saying nothing: only its layers tell.
    await f.pushImage(
      reg,
      'bench/app',
      'plain',
      on(now.images[0], 'bench-plain')
    )
    /** @type {Case[]} */
    const cases = [
      {
        name: 'one image, no base check',
        inputs: { image: `${reg.host}/bench/app:annotated` },
        expect: {}
      },
      {
        name: 'one image, check-base by annotations',
        inputs: {
          image: `${reg.host}/bench/app:annotated`,
          'check-base': 'true'
        },
        expect: { 'base-method': 'annotation', 'base-status': 'outdated' }
      },
      {
        name: 'one image, check-base by provenance',
        inputs: {
          image: `${reg.host}/bench/app:provenance`,
          'check-base': 'true'
        },
        expect: { 'base-method': 'provenance', 'base-status': 'current' }
      },
      {
        name: 'one image, base-image (layers)',
        inputs: { image: `${reg.host}/bench/app:plain`, 'base-image': base },
        expect: { 'base-method': 'layers', 'base-status': 'current' }
      },
      {
        name: 'platform all (3), no base check',
        inputs: { image: `${reg.host}/bench/app:provenance`, platform: 'all' },
        expect: {}
      },
      {
        name: 'platform all (3), check-base by annotations',
        inputs: {
          image: `${reg.host}/bench/app:annotated`,
          platform: 'all',
          'check-base': 'true'
        },
        expect: {
          'outdated-platforms': '["linux/amd64","linux/arm64","linux/s390x"]'
        }
      },
      {
        name: 'platform all (3), check-base by provenance',
        inputs: {
          image: `${reg.host}/bench/app:provenance`,
          platform: 'all',
          'check-base': 'true'
        },
        expect: { 'needs-update': 'false', 'base-method': 'provenance' }
      }
    ]
    return await measureCases({ reg, cases, bundle, runs, tmp })
  })
}

/**
 * The table, and the extra cost of a base check over the same inspection without one.
 * @param {Awaited<ReturnType<typeof baseCheckBench>>} bench
 */
export function printBaseCheck(bench) {
  printCases(bench, 'The base check (issue 11)')
  const [plain, ann, prov, , all, allAnn, allProv] = bench.results
  const cost = (/** @type {CaseResult} */ a, /** @type {CaseResult} */ b) =>
    extraCost(bench, a, b)
  console.log(
    `check-base, one image: annotations ${cost(plain, ann)}; provenance ${cost(plain, prov)}`
  )
  console.log(
    `check-base, platform all (3): annotations ${cost(all, allAnn)}; provenance ${cost(all, allProv)}`
  )
}
