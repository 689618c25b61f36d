// Fonts shipped with the project (npm packages with full TTFs and their OFL licences): Tinos (metric-
// compatible with Times New Roman, the font of administrative documents, ND 30/2020) for the document
// text, Be Vietnam Pro for the small system lines. Full TTFs only: web-font subsets drop Vietnamese letters.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

const require = createRequire(import.meta.url);
const ttf = (pkg: string, file: string) => require.resolve(`${pkg}/${file}`);

export const FONTS = {
  Tinos: {
    normal: ttf('@expo-google-fonts/tinos', '400Regular/Tinos_400Regular.ttf'),
    bold: ttf('@expo-google-fonts/tinos', '700Bold/Tinos_700Bold.ttf'),
    italics: ttf('@expo-google-fonts/tinos', '400Regular_Italic/Tinos_400Regular_Italic.ttf'),
    bolditalics: ttf('@expo-google-fonts/tinos', '700Bold_Italic/Tinos_700Bold_Italic.ttf'),
  },
  BeVietnamPro: {
    normal: ttf('@expo-google-fonts/be-vietnam-pro', '400Regular/BeVietnamPro_400Regular.ttf'),
    bold: ttf('@expo-google-fonts/be-vietnam-pro', '600SemiBold/BeVietnamPro_600SemiBold.ttf'),
    italics: ttf('@expo-google-fonts/be-vietnam-pro', '400Regular_Italic/BeVietnamPro_400Regular_Italic.ttf'),
    bolditalics: ttf('@expo-google-fonts/be-vietnam-pro', '600SemiBold_Italic/BeVietnamPro_600SemiBold_Italic.ttf'),
  },
};

/** Folders the PDF engine may read (nothing else on the local disk). */
export const FONT_DIRS = [...new Set(Object.values(FONTS).flatMap((f) => Object.values(f).map((p) => dirname(dirname(p)))))];
