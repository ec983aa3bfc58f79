import { count, shareCell, type StateReport } from './report-table';
import { suppressSmallCells } from './suppress-cells';

function reportOf(
  rows: StateReport['sections'][number]['rows'],
  sums: StateReport['sums'],
  figures: StateReport['figures'] = {},
): StateReport {
  return {
    title: 't',
    facts: [],
    legend: [],
    suppression: false,
    sections: [{ id: 's', title: 's', notes: [], rowHeader: 'r', columns: ['n'], rows }],
    sums,
    figures,
  };
}

const hiddenLabels = (report: StateReport) =>
  report.sections[0].rows.filter((row) => row.cells.some((cell) => cell.suppressed)).map((row) => row.label);

describe('suppressSmallCells', () => {
  it('given late = 2 of 12, when suppressed, then on time goes with it and the share built on it', () => {
    const report = reportOf(
      [
        { label: 'concluded', cells: [count(12, 'concluded')] },
        { label: 'on time', cells: [count(10, 'onTime')] },
        { label: 'late', cells: [count(2, 'late')] },
        { label: 'share', cells: [shareCell(10, 12, undefined, { numerator: 'onTime', denominator: 'concluded' })] },
      ],
      [{ total: 'concluded', parts: ['onTime', 'late'] }],
    );
    expect(hiddenLabels(suppressSmallCells(report))).toEqual(['on time', 'late', 'share']);
  });

  it('given a figure no table prints, when a share and its denominator would give back the small rest, then the share is hidden', () => {
    const report = reportOf(
      [
        { label: 'concluded', cells: [count(12, 'concluded')] },
        { label: 'share', cells: [shareCell(10, 12, undefined, { numerator: 'onTime', denominator: 'concluded' })] },
      ],
      [{ total: 'concluded', parts: ['onTime', 'late'] }],
      { concluded: 12, onTime: 10, late: 2 },
    );
    expect(hiddenLabels(suppressSmallCells(report))).toEqual(['share']);
  });

  it('given one figure in two tables, when it is hidden as a complement, then it is hidden in both', () => {
    const report = reportOf(
      [
        { label: 'started', cells: [count(9, 'started')] },
        { label: 'emergency', cells: [count(3, 'basis.emergency')] },
        { label: 'voluntary', cells: [count(6, 'basis.voluntary')] },
        { label: 'started again', cells: [count(9, 'started')] },
      ],
      [
        { total: 'started', parts: ['basis.emergency', 'basis.voluntary'] },
        { total: 'all', parts: ['started', 'other'] },
      ],
      { all: 20, other: 11 },
    );
    // emergency (3) takes voluntary; nothing gives back started, so it stays in both places.
    expect(hiddenLabels(suppressSmallCells(report))).toEqual(['emergency', 'voluntary']);
    const both = reportOf(
      [
        { label: 'started', cells: [count(9, 'started')] },
        { label: 'started again', cells: [count(9, 'started')] },
      ],
      [{ total: 'all', parts: ['started', 'other'] }],
      { all: 12, other: 3 },
    );
    expect(hiddenLabels(suppressSmallCells(both))).toEqual(['started', 'started again']);
  });
});
