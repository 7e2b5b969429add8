/**
 * Platforms as `os/arch[/variant]`, normalized the way containerd does so
 * that `aarch64`, `arm64/v8` and `arm64` all mean the same thing.
 */

export interface Platform {
  os: string
  architecture: string
  variant?: string
}

const PLATFORM_TEXT = /^[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)?$/

/** Parses `os/arch[/variant]`; returns undefined if it does not look like one. */
export function parsePlatform(text: string): Platform | undefined {
  if (!PLATFORM_TEXT.test(text)) return undefined
  const [os, architecture, variant] = text.split('/')
  return normalizePlatform({ os, architecture, variant })
}

/** Canonical spelling: lowercase, containerd's architecture aliases. */
export function normalizePlatform(p: Platform): Platform {
  let os = p.os.toLowerCase()
  if (os === 'macos') os = 'darwin'
  let arch = p.architecture.toLowerCase()
  let variant = p.variant?.toLowerCase() || undefined
  switch (arch) {
    case 'i386':
      arch = '386'
      variant = undefined
      break
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      arch = 'amd64'
      if (variant === 'v1') variant = undefined
      break
    case 'aarch64':
    case 'arm64':
      arch = 'arm64'
      if (variant === '8' || variant === 'v8' || variant === 'v8.0') {
        variant = undefined
      } else if (variant === '9' || variant === '9.0' || variant === 'v9.0') {
        variant = 'v9'
      }
      break
    case 'armhf':
      arch = 'arm'
      variant = 'v7'
      break
    case 'armel':
      arch = 'arm'
      variant = 'v6'
      break
    case 'arm':
      if (variant === undefined || variant === '7') variant = 'v7'
      else if (/^[5-8]$/.test(variant)) variant = `v${variant}`
      break
  }
  return variant
    ? { os, architecture: arch, variant }
    : { os, architecture: arch }
}

export function formatPlatform(p: Platform): string {
  return p.variant
    ? `${p.os}/${p.architecture}/${p.variant}`
    : `${p.os}/${p.architecture}`
}

/**
 * Variants that can run where `wanted` runs, best first (containerd's
 * compatibility vector): arm/v7 also runs v6 and v5, amd64/v3 also v2 and
 * v1, arm64/v8.2 also v8.1 and v8, arm64/v9.1 also v9 and v8.6 down to v8.
 */
function acceptableVariants(wanted: Platform): (string | undefined)[] {
  const v = wanted.variant
  if (wanted.architecture === 'arm' && v && /^v[5-8]$/.test(v)) {
    const out: string[] = []
    for (let n = Number(v.slice(1)); n >= 5; n--) out.push(`v${n}`)
    return out
  }
  if (wanted.architecture === 'amd64' && v && /^v[2-4]$/.test(v)) {
    const out: (string | undefined)[] = []
    for (let n = Number(v.slice(1)); n >= 2; n--) out.push(`v${n}`)
    out.push(undefined)
    return out
  }
  const arm64 = /^v(\d+)(?:\.(\d+))?$/.exec(v ?? '')
  if (wanted.architecture === 'arm64' && arm64 && Number(arm64[1]) >= 8) {
    return arm64Levels(Number(arm64[1]), Number(arm64[2] ?? 0))
  }
  return [v]
}

/**
 * arm64 levels from `major.minor` down, as containerd orders them: the
 * minors of the same major, then, from v9, the v8 line, since v9.0 forked
 * from v8.5 (v9.x runs v8.(x+5)). Plain arm64 is v8, the variant-less name.
 */
function arm64Levels(major: number, minor: number): (string | undefined)[] {
  const name = (ma: number, mi: number): string | undefined =>
    mi > 0 ? `v${ma}.${mi}` : ma === 8 ? undefined : `v${ma}`
  const out: (string | undefined)[] = []
  for (let m = minor; m >= 0; m--) out.push(name(major, m))
  if (major === 9) for (let m = minor + 5; m >= 0; m--) out.push(name(8, m))
  return out
}

/**
 * Index of the entry that best matches `wanted`, or -1. The first matching
 * entry wins (image-spec); without a variant asked for, any variant of the
 * same os/arch is accepted when no variant-less entry exists.
 */
export function matchPlatform(
  wanted: Platform,
  candidates: Platform[]
): number {
  const want = normalizePlatform(wanted)
  const normalized = candidates.map(normalizePlatform)
  const sameArch = (p: Platform): boolean =>
    p.os === want.os && p.architecture === want.architecture
  for (const variant of acceptableVariants(want)) {
    const i = normalized.findIndex((p) => sameArch(p) && p.variant === variant)
    if (i !== -1) return i
  }
  if (want.variant === undefined) return normalized.findIndex(sameArch)
  return -1
}
