/**
 * Offers text (a CSV export) as a file download without navigating: a temporary <a download> on a blob: URL.
 * The CSP restricts blob: only for images and workers; a download link is no fetch and no navigation, so it is
 * not affected. Should creating the object URL fail, a data: URL carries the same bytes.
 */
export function downloadTextFile(text: string, fileName: string, mimeType = 'text/csv;charset=utf-8'): void {
  let href: string;
  let objectUrl: string | null = null;
  try {
    objectUrl = URL.createObjectURL(new Blob([text], { type: mimeType }));
    href = objectUrl;
  } catch {
    href = `data:${mimeType},${encodeURIComponent(text)}`;
  }
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The browser reads the blob asynchronously after the click; give it time before releasing it.
  if (objectUrl) {
    const url = objectUrl;
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
