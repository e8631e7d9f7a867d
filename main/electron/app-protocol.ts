import { join, normalize, sep } from 'node:path';
import { APP_HOST } from './window-options';

/**
 * The file an `app://warroom/...` URL names inside the renderer folder, or null (a 404).
 *
 * Why a function of its own: the URL comes from the page, so it is input. A malformed
 * percent-escape (`%E0%A4%A`) makes decodeURIComponent throw, which used to reject the
 * protocol handler instead of answering; a path that climbs out of the folder, another
 * host, or a NUL byte is not found either.
 */
export function appFilePath(requestUrl: string, rendererDir: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const path = normalize(join(rendererDir, pathname));
  return path.startsWith(rendererDir + sep) ? path : null;
}
