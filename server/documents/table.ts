// A wrapped-cell table on a Flow: rows never split across pages, and the header row repeats on
// every page the table continues onto.
import { rgb } from 'pdf-lib';
import type { Flow } from './flow';
import { MARGIN_X } from './layout';
import { RULE, type TextStyle } from './typeset';

export interface TableColumn {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

const PADDING = 3;
const HEADER_FILL = rgb(0.93, 0.9, 0.88);
const ZEBRA_FILL = rgb(0.97, 0.97, 0.98);

export function drawTable(flow: Flow, columns: TableColumn[], rows: string[][], style: TextStyle = { size: 8 }): void {
  const lineHeight = style.size * 1.3;
  const totalWidth = columns.reduce((sum, c) => sum + c.width, 0);
  const headerStyle: TextStyle = { ...style, style: 'bold' };

  const drawRow = (cells: string[], cellStyle: TextStyle, fill?: ReturnType<typeof rgb>) => {
    const wrapped = cells.map((cell, i) => flow.ts.wrap(cell, columns[i].width - 2 * PADDING, cellStyle));
    const height = Math.max(...wrapped.map((lines) => lines.length)) * lineHeight + 2 * PADDING;
    const top = flow.y;
    if (fill) flow.page.drawRectangle({ x: MARGIN_X, y: top - height, width: totalWidth, height, color: fill });
    let x = MARGIN_X;
    wrapped.forEach((lines, i) => {
      lines.forEach((line, j) => {
        const baseline = top - PADDING - (j + 1) * lineHeight + style.size * 0.28;
        const offset = columns[i].align === 'right' ? columns[i].width - PADDING - flow.ts.width(line, cellStyle) : PADDING;
        flow.ts.draw(flow.page, line, x + offset, baseline, cellStyle);
      });
      x += columns[i].width;
    });
    flow.page.drawLine({ start: { x: MARGIN_X, y: top - height }, end: { x: MARGIN_X + totalWidth, y: top - height }, thickness: 0.4, color: RULE });
    flow.y -= height;
    return height;
  };
  const rowHeight = (cells: string[], cellStyle: TextStyle) =>
    Math.max(...cells.map((cell, i) => flow.ts.wrap(cell, columns[i].width - 2 * PADDING, cellStyle).length)) * lineHeight + 2 * PADDING;
  const header = columns.map((c) => c.header);
  const drawHeader = () => drawRow(header, headerStyle, HEADER_FILL);

  flow.ensure(rowHeight(header, headerStyle) + (rows[0] ? rowHeight(rows[0], style) : 0));
  drawHeader();
  rows.forEach((cells, index) => {
    const height = rowHeight(cells, style);
    if (flow.y - height < flow.bottom) {
      flow.newPage();
      drawHeader();
    }
    drawRow(cells, style, index % 2 === 1 ? ZEBRA_FILL : undefined);
  });
}
