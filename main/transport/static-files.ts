import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/**
 * Read a file of the built renderer for a URL path, or null when there is none.
 * Paths are normalised and must stay inside `root`: no `..`, no absolute paths.
 */
export async function readStaticFile(root: string, urlPath: string): Promise<{ body: Buffer; contentType: string } | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const path = normalize(join(root, relative));
  if (!path.startsWith(root.endsWith(sep) ? root : root + sep)) return null;
  const contentType = CONTENT_TYPES[extname(path).toLowerCase()];
  if (!contentType) return null;
  try {
    return { body: await readFile(path), contentType };
  } catch {
    return null;
  }
}
