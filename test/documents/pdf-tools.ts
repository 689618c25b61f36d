// Test helpers: text extraction (pdfjs-dist), page rendering to PNG (pdfjs-dist + @napi-rs/canvas, no
// system packages needed) and QR decoding (jsQR).
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import jsQRModule from 'jsqr';

const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ?? jsQRModule) as (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null;

const require = createRequire(import.meta.url);

async function pdfjs() {
  return import('pdfjs-dist/legacy/build/pdf.mjs');
}

const standardFontDataUrl = require.resolve('pdfjs-dist/package.json').replace(/package\.json$/, 'standard_fonts/');

/** All text of the document, pages joined by newlines (items of a line joined by spaces). */
export async function extractText(pdf: Buffer | Uint8Array): Promise<string> {
  const lib = await pdfjs();
  const doc = await lib.getDocument({ data: new Uint8Array(pdf), standardFontDataUrl, useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const tc = await page.getTextContent();
    let line = '';
    const lines: string[] = [];
    for (const it of tc.items as Array<{ str: string; hasEOL?: boolean }>) {
      line += it.str;
      if (it.hasEOL) {
        lines.push(line);
        line = '';
      }
    }
    if (line) lines.push(line);
    pages.push(lines.join('\n'));
  }
  await doc.destroy();
  return pages.join('\n');
}

export async function pageCount(pdf: Buffer | Uint8Array): Promise<number> {
  const lib = await pdfjs();
  const doc = await lib.getDocument({ data: new Uint8Array(pdf), standardFontDataUrl }).promise;
  const n = doc.numPages;
  await doc.destroy();
  return n;
}

export interface Rendered {
  png: Buffer;
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
}

/** Renders one page (1-based) at the given scale (1 = 72 dpi). */
export async function renderPage(pdf: Buffer | Uint8Array, pageNo = 1, scale = 2): Promise<Rendered> {
  const lib = await pdfjs();
  const { createCanvas } = await import('@napi-rs/canvas');
  const doc = await lib.getDocument({ data: new Uint8Array(pdf), standardFontDataUrl, disableFontFace: true }).promise;
  const page = await doc.getPage(pageNo);
  const vp = page.getViewport({ scale });
  const canvas = createCanvas(Math.ceil(vp.width), Math.ceil(vp.height));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  await page.render({ canvasContext: ctx as any, viewport: vp, canvas: canvas as any } as any).promise;
  const img = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const png = canvas.toBuffer('image/png');
  await doc.destroy();
  return { png, width: canvas.width, height: canvas.height, rgba: img.data as unknown as Uint8ClampedArray };
}

export function decodeQr(r: Rendered): string | null {
  const res = jsQR(r.rgba, r.width, r.height);
  return res?.data ?? null;
}

export function saveResult(name: string, data: Buffer): string {
  const dir = new URL('../../test-results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const path = new URL(name, dir);
  writeFileSync(path, data);
  return path.pathname;
}
