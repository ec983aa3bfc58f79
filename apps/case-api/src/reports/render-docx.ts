import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { svgToPng } from './charts/chart-png';
import { chartData, renderChartSvg } from './charts/svg-chart';
import { formatCell } from './format-cell';
import { columnLabels, type ReportSection, type StateReport } from './report-table';

/*
 * The report as a Word document the leader finishes: the same headings, notes and tables as the
 * HTML, each chart as an image, and an empty "Vurdering" (assessment) under every section, the part
 * of a state report only the service can write. Real tables and headings, so it stays editable.
 */

export const ASSESSMENT_HEADING = 'Vurdering';

const border = { style: BorderStyle.SINGLE, size: 4, color: 'C8C8D0' };
const borders = { top: border, bottom: border, left: border, right: border };

function cell(text: string, options: { header?: boolean; right?: boolean } = {}): TableCell {
  return new TableCell({
    borders,
    children: [
      new Paragraph({
        alignment: options.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: options.header === true, size: 18 })],
      }),
    ],
  });
}

function table(section: ReportSection): Table {
  const header = new TableRow({
    tableHeader: true,
    children: [cell(section.rowHeader, { header: true }), ...columnLabels(section).map((c) => cell(c, { header: true, right: true }))],
  });
  const rows = section.rows.map(
    (row) => new TableRow({ children: [cell(row.label), ...row.cells.map((c) => cell(formatCell(c), { right: true }))] }),
  );
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] });
}

async function chart(section: ReportSection): Promise<Paragraph[]> {
  const data = chartData(section);
  if (data === null) return [];
  const { png, width, height } = await svgToPng(renderChartSvg(data, `chart-${section.id}`));
  // about 16 cm wide: the text width of an A4 page with normal margins
  const scale = 600 / width;
  return [
    new Paragraph({
      children: [
        new ImageRun({
          type: 'png',
          data: png,
          transformation: { width: Math.round(width * scale), height: Math.round(height * scale) },
          altText: { name: `chart-${section.id}`, title: data.title, description: `Figur: ${data.title}. Tallene står i tabellen under.` },
        }),
      ],
    }),
    new Paragraph({ children: [new TextRun({ text: `Figur: ${data.title}.`, italics: true, size: 18 })] }),
  ];
}

async function section(s: ReportSection, number: number): Promise<Array<Paragraph | Table>> {
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_2, text: `${number}. ${s.title}` }),
    ...s.notes.map((note) => new Paragraph({ children: [new TextRun({ text: note, italics: true, size: 18 })] })),
    ...(await chart(s)),
    table(s),
    new Paragraph({ heading: HeadingLevel.HEADING_3, text: ASSESSMENT_HEADING }),
    // left empty for the leader's assessment
    new Paragraph({ text: '' }),
  ];
}

export async function renderDocx(report: StateReport): Promise<Buffer> {
  const sections: Array<Paragraph | Table> = [];
  // one chart at a time: the rasteriser's threads are shared with every other request
  for (const [i, s] of report.sections.entries()) sections.push(...(await section(s, i + 1)));
  const doc = new Document({
    creator: 'Fristvakt',
    title: report.title,
    description: 'Tilstandsrapport for barneverntjenesten (bvl. § 15-3): nøkkeltall',
    styles: { default: { document: { run: { font: 'Arial', size: 20 } } } },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, text: report.title }),
          ...report.facts.map(
            ([label, value]) => new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] }),
          ),
          new Paragraph({ heading: HeadingLevel.HEADING_2, text: 'Tegnforklaring' }),
          ...report.legend.map((item) => new Paragraph({ text: item, bullet: { level: 0 } })),
          ...sections,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
