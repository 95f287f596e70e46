import { PDFDocument } from 'pdf-lib';

/**
 * Concatenates PDFs into one print file, in the given order, so that the printer's output order matches the list.
 * The merged file is a print artefact only; the stored documents keep their own PDF/A bytes.
 */
export async function mergePdfs(parts: readonly Uint8Array[]): Promise<{ pdf: Buffer; pages: number }> {
  if (parts.length === 1) {
    const only = await PDFDocument.load(parts[0]!, { updateMetadata: false });
    return { pdf: Buffer.from(parts[0]!), pages: only.getPageCount() };
  }
  const out = await PDFDocument.create({ updateMetadata: false });
  for (const bytes of parts) {
    const src = await PDFDocument.load(bytes, { updateMetadata: false });
    const pages = await out.copyPages(src, src.getPageIndices());
    for (const p of pages) out.addPage(p);
  }
  const pdf = Buffer.from(await out.save({ useObjectStreams: true }));
  return { pdf, pages: out.getPageCount() };
}

export async function pageCount(bytes: Uint8Array): Promise<number> {
  return (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
}
