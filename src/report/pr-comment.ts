/**
 * Creates or updates ONE comment on the pull request that triggered the run,
 * found again by a hidden marker so reruns edit it instead of piling up.
 * @actions/github is loaded only here, only when a comment is wanted.
 */

/** Authors whose marked comment may be ours (a personal access token's). */
const TRUSTED = new Set(['OWNER', 'MEMBER', 'COLLABORATOR'])

export type CommentOutcome =
  | { status: 'created' | 'updated'; url: string }
  /** Not a pull-request event: nothing to comment on. */
  | { status: 'skipped'; event: string }

export async function upsertPullRequestComment(
  token: string,
  body: string,
  marker: string
): Promise<CommentOutcome> {
  const { context, getOctokit } = await import('@actions/github')
  const pull = context.payload.pull_request
  if (
    !['pull_request', 'pull_request_target'].includes(context.eventName) ||
    typeof pull?.number !== 'number'
  ) {
    return { status: 'skipped', event: context.eventName || 'unknown' }
  }
  const { owner, repo } = context.repo
  const octokit = getOctokit(token)
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner,
    repo,
    issue_number: pull.number,
    per_page: 100
  })
  // The marker is public text: anyone may write it into a comment. Only a
  // bot's (the workflow token's) or a repository member's counts as ours.
  const mine = comments.find(
    (c) =>
      c.body?.includes(marker) &&
      (c.user?.type === 'Bot' || TRUSTED.has(c.author_association))
  )
  if (mine) {
    const { data } = await octokit.rest.issues.updateComment({
      owner,
      repo,
      comment_id: mine.id,
      body
    })
    return { status: 'updated', url: data.html_url }
  }
  const { data } = await octokit.rest.issues.createComment({
    owner,
    repo,
    issue_number: pull.number,
    body
  })
  return { status: 'created', url: data.html_url }
}
