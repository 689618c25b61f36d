// pdfmake with the document fonts and no file or URL access outside them, loaded on first use: pdfmake and
// its PDF engine take about half a second to import, which every start-up would otherwise pay (issue 19 item 7).
import { resolve } from 'node:path';
import { FONTS, FONT_DIRS } from './fonts.js';

type Pdfmake = typeof import('pdfmake').default;
let loaded: Promise<Pdfmake> | undefined;

export function loadPdfmake(): Promise<Pdfmake> {
  loaded ??= import('pdfmake').then(({ default: pdfmake }) => {
    pdfmake.setFonts(FONTS);
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((p: string) => FONT_DIRS.some((d) => resolve(p).startsWith(d)));
    return pdfmake;
  });
  return loaded;
}
