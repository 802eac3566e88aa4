// Writes precompressed copies next to every file of a built web folder (FILE.br, brotli quality
// 11; FILE.gz, gzip level 9), as a static host serves them (nginx brotli_static / gzip_static):
// compressing at build time, once, at the highest level, instead of on every request. Files
// under 1 KB are left alone; a copy newer than its file is kept. Uses node's zlib only.
// Usage: node scripts/precompress.mjs DIR
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dir = process.argv[2];
if (!dir || !fs.existsSync(dir)) {
  console.error('usage: node scripts/precompress.mjs DIR');
  process.exit(2);
}
let written = 0;
for (const name of fs.readdirSync(dir)) {
  const file = path.join(dir, name);
  if (name.endsWith('.br') || name.endsWith('.gz') || !fs.statSync(file).isFile()) continue;
  const stat = fs.statSync(file);
  if (stat.size < 1024) continue;
  const raw = fs.readFileSync(file);
  for (const [ext, compress] of [
    ['.br', () => zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
                                                          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })],
    ['.gz', () => zlib.gzipSync(raw, { level: 9 })]]) {
    const out = file + ext;
    if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= stat.mtimeMs) continue;
    fs.writeFileSync(out, compress());
    ++written;
  }
}
console.log(`precompress: ${written} file(s) written in ${dir}`);
