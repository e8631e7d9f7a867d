/**
 * Save text as a file from the renderer: a Blob and a temporary link. Works the same in
 * Electron (the download lands in the user's downloads folder) and in browser mode.
 */
export function downloadText(fileName: string, mimeType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some engines start reading the Blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Read a picked file as UTF-8 text, refusing bytes that are not UTF-8 (with the file's name). */
export async function readUtf8File(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    // ignoreBOM keeps the BOM, so the preview can say the file had one.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new Error(`${file.name} is not UTF-8 text: save it from the spreadsheet as "CSV UTF-8" and import again`);
  }
}
