/**
 * What GitHub would show: the job summary and the PR comment rendered as
 * CommonMark + GFM (micromark, raw HTML allowed as GitHub allows it), then
 * parsed as HTML (parse5), so a test can ask where each piece of text ended
 * up and which elements exist.
 */
import { micromark } from 'micromark'
import { gfm, gfmHtml } from 'micromark-extension-gfm'
import { parseFragment } from 'parse5'

export function renderMarkdown(markdown: string): string {
  return micromark(markdown, {
    allowDangerousHtml: true,
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()]
  })
}

export interface RenderedText {
  text: string
  /** Element names from the outermost down to the text's parent. */
  ancestors: string[]
}

export interface Rendered {
  /** Every element, in document order. */
  elements: string[]
  texts: RenderedText[]
}

interface Node {
  nodeName: string
  value?: string
  childNodes?: Node[]
  content?: Node
}

/** The elements and text nodes of rendered HTML. */
export function walkHtml(html: string): Rendered {
  const out: Rendered = { elements: [], texts: [] }
  const visit = (node: Node, ancestors: string[]): void => {
    if (node.nodeName === '#text') {
      out.texts.push({ text: node.value ?? '', ancestors })
      return
    }
    const inside = node.nodeName.startsWith('#')
      ? ancestors
      : [...ancestors, node.nodeName]
    if (!node.nodeName.startsWith('#')) out.elements.push(node.nodeName)
    for (const child of node.childNodes ?? []) visit(child, inside)
    if (node.content) visit(node.content, inside)
  }
  visit(parseFragment(html) as unknown as Node, [])
  return out
}

/** Render markdown, then walk the HTML. */
export function rendered(markdown: string): Rendered {
  return walkHtml(renderMarkdown(markdown))
}
