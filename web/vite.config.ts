// Vite build of the two web apps. Root = web/, output = web/dist (served by the motcua server):
// - citizen.html: the citizen portal at `/` (catalogue, tracking; small: no charts, lazy routes);
// - index.html: the officials' workspace under /can-bo.
// Every built asset also gets a .br and a .gz copy, which the server sends as they are (precompressed).
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt|map)$/;

/** Writes <file>.br (quality 11) and <file>.gz (level 9) beside every compressible asset over 1 KiB. */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'motcua-precompress',
    apply: 'build',
    configResolved(c) { outDir = resolve(c.root, c.build.outDir); },
    closeBundle() {
      const walk = (dir: string) => {
        for (const e of readdirSync(dir, { withFileTypes: true })) {
          const p = join(dir, e.name);
          if (e.isDirectory()) { walk(p); continue; }
          if (!COMPRESSIBLE.test(e.name) || statSync(p).size < 1024) continue;
          const buf = readFileSync(p);
          writeFileSync(`${p}.br`, brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length } }));
          writeFileSync(`${p}.gz`, gzipSync(buf, { level: 9 }));
        }
      };
      walk(join(outDir, 'assets'));
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
    rollupOptions: { input: { officials: join(root, 'index.html'), citizen: join(root, 'citizen.html') } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
