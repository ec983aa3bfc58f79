import { renderAsync } from '@resvg/resvg-js';

/*
 * The SVG charts as PNG for the DOCX export (word processors draw SVG unevenly). resvg is a pure
 * npm package with its renderer inside; it reads the system's fonts and nothing from the network.
 * renderAsync rasterises off the event loop: a chart takes ~0.2 s, and requests keep being served.
 */

/** Twice the SVG's size, so the image stays sharp when printed. */
export async function svgToPng(svg: string): Promise<{ png: Buffer; width: number; height: number }> {
  const rendered = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  });
  return { png: rendered.asPng(), width: rendered.width / 2, height: rendered.height / 2 };
}
