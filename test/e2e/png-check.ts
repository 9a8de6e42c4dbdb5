// A screenshot is "non-blank" when it has many distinct colours and real contrast; a white page
// with a few grey lines fails both.
import { PNG } from 'pngjs';

export function pngStats(buf: Buffer): { width: number; height: number; colours: number; stddev: number } {
  const png = PNG.sync.read(buf);
  const seen = new Set<number>();
  let sum = 0;
  let sumSq = 0;
  const n = png.width * png.height;
  for (let i = 0; i < png.data.length; i += 4) {
    const r = png.data[i], g = png.data[i + 1], b = png.data[i + 2];
    seen.add((r << 16) | (g << 8) | b);
    const lum = 0.299 * r + 0.587 * g + 0.114 * b;
    sum += lum;
    sumSq += lum * lum;
  }
  const mean = sum / n;
  return { width: png.width, height: png.height, colours: seen.size, stddev: Math.sqrt(sumSq / n - mean * mean) };
}
