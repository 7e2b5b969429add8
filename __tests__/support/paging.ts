/**
 * A registry front (a fault-proxy rule) that pages the real registry's tag
 * list the way GHCR and Docker Hub do: `n` and `last`, and a
 * `Link: <…>; rel="next"` header. Distribution itself sends one page.
 */
import type { FaultRule, UpstreamResponse } from './fault-proxy.mjs'

/** How a paginating front builds its next link from the page just served. */
export type NextLink = (page: {
  index: number
  last: string
  n: number
  firstUrl: string
  pageUrls: string[]
}) => string

export interface PagingOptions {
  /** Page size the front uses whatever `n` says (Docker Hub caps at 100). */
  forcedSize?: number
  /** Order the front pages in (default: sorted, as GHCR and Hub do). */
  order?: (tags: string[]) => string[]
  next: NextLink
}

/** Pages `listPath` (`/v2/<repo>/tags/list`) with links built by `next`. */
export function pagingFront(
  listPath: string,
  repo: string,
  options: PagingOptions
): FaultRule {
  const pageUrls: string[] = []
  return {
    name: 'paging',
    method: 'GET',
    path: listPath,
    rewrite: (upstream: UpstreamResponse, req): UpstreamResponse => {
      if (upstream.status !== 200) return upstream
      const all = (
        JSON.parse(upstream.body.toString('utf8')) as { tags: string[] }
      ).tags
      const ordered = options.order ? options.order(all) : [...all].sort()
      const url = new URL(req.url!, 'http://x')
      const n = options.forcedSize ?? Number(url.searchParams.get('n') ?? 100)
      const last = url.searchParams.get('last')
      const start = last === null ? 0 : ordered.indexOf(last) + 1
      if (start === 0) pageUrls.length = 0
      pageUrls.push(req.url!)
      const page = ordered.slice(start, start + n)
      const headers = { ...upstream.headers }
      delete headers.link
      if (start + n < ordered.length) {
        headers.link = `<${options.next({
          index: pageUrls.length - 1,
          last: page.at(-1)!,
          n,
          firstUrl: pageUrls[0],
          pageUrls
        })}>; rel="next"`
      }
      return {
        ...upstream,
        headers,
        body: Buffer.from(JSON.stringify({ name: repo, tags: page }))
      }
    }
  }
}

/** Links relative to the registry, as GHCR and Docker Hub send them. */
export const relativeLink =
  (listPath: string): NextLink =>
  ({ last, n }) =>
    `${listPath}?last=${encodeURIComponent(last)}&n=${n}`
