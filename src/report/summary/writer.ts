/** The parts of core.summary the renderers use; tests pass the real one or a fake. */
export interface SummaryWriter {
  addHeading(text: string, level?: number | string): SummaryWriter
  addRaw(text: string, addEOL?: boolean): SummaryWriter
  addTable(rows: SummaryTableRow[]): SummaryWriter
  addCodeBlock(code: string, lang?: string): SummaryWriter
}

export type SummaryTableRow = (string | { data: string; header?: boolean })[]
