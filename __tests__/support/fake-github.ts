/**
 * A tiny stand-in for the GitHub issue-comments API (two pages of
 * comments, create and update), for the real @actions/github client.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export const PR = 7

export interface ApiRequest {
  method: string
  url: string
  authorization?: string
  body?: unknown
}

/** Who wrote a comment, as the API says. */
export interface ApiAuthor {
  user: { login: string; type: 'Bot' | 'User' }
  author_association: string
}

/** What the action's own token writes as (GITHUB_TOKEN). */
export const ACTIONS_BOT: ApiAuthor = {
  user: { login: 'github-actions[bot]', type: 'Bot' },
  author_association: 'NONE'
}

export interface ApiComment extends Partial<ApiAuthor> {
  id: number
  body: string
  html_url: string
}

/** A tiny stand-in for the GitHub issue-comments API, with two pages. */
export class FakeGitHub {
  requests: ApiRequest[] = []
  page1: ApiComment[] = []
  page2: ApiComment[] = []
  /** Answer every request with this status (403: no permission). */
  failWith?: number
  private nextId = 1001
  private server = http.createServer((req, res) => this.handle(req, res))
  url = ''

  async start(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server.listen(0, '127.0.0.1', resolve)
    )
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections()
    await new Promise((resolve) => this.server.close(resolve))
  }

  reset(): void {
    this.requests = []
    this.page1 = [this.comment('LGTM'), this.comment('/retest')]
    this.page2 = [this.comment('another bot: <!-- other-marker -->')]
    this.failWith = undefined
  }

  comment(body: string, author: ApiAuthor = ACTIONS_BOT): ApiComment {
    const id = this.nextId++
    return {
      id,
      body,
      html_url: `https://github.com/owner/repo/pull/${PR}#issuecomment-${id}`,
      ...author
    }
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let text = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (text += chunk))
    req.on('end', () => {
      const entry: ApiRequest = {
        method: req.method!,
        url: req.url!,
        authorization: req.headers.authorization
      }
      if (text) entry.body = JSON.parse(text)
      this.requests.push(entry)
      const send = (
        status: number,
        data: unknown,
        headers: Record<string, string> = {}
      ): void => {
        res.writeHead(status, {
          'content-type': 'application/json; charset=utf-8',
          ...headers
        })
        res.end(JSON.stringify(data))
      }
      if (this.failWith) {
        send(this.failWith, {
          message: 'Resource not accessible by integration',
          documentation_url:
            'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
          status: String(this.failWith)
        })
        return
      }
      const url = new URL(req.url!, this.url)
      const list = `/repos/owner/repo/issues/${PR}/comments`
      if (req.method === 'GET' && url.pathname === list) {
        if ((url.searchParams.get('page') ?? '1') === '1') {
          const next = `${this.url}${list}?per_page=100&page=2`
          send(200, this.page1, {
            link: `<${next}>; rel="next", <${next}>; rel="last"`
          })
        } else {
          const first = `${this.url}${list}?per_page=100&page=1`
          send(200, this.page2, {
            link: `<${first}>; rel="prev", <${first}>; rel="first"`
          })
        }
        return
      }
      if (req.method === 'POST' && url.pathname === list) {
        const created = this.comment((entry.body as { body: string }).body)
        this.page2.push(created)
        send(201, created)
        return
      }
      const edit = /^\/repos\/owner\/repo\/issues\/comments\/(\d+)$/.exec(
        url.pathname
      )
      if (req.method === 'PATCH' && edit) {
        const found = [...this.page1, ...this.page2].find(
          (c) => c.id === Number(edit[1])
        )
        if (!found) return send(404, { message: 'Not Found' })
        found.body = (entry.body as { body: string }).body
        send(200, found)
        return
      }
      send(404, { message: 'Not Found' })
    })
  }
}
