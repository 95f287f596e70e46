import { useEffect, useRef, useState } from 'react';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { Modal } from './Modal';

type PdfJs = typeof import('pdfjs-dist');
let pdfjsPromise: Promise<PdfJs> | null = null;

/** Loads pdf.js once, on first use, with its worker served as a file of the app (no blob:, no eval). */
function loadPdfJs(): Promise<PdfJs> {
  if (!pdfjsPromise) {
    pdfjsPromise = import('pdfjs-dist').then((pdfjs) => {
      pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
      return pdfjs;
    });
    pdfjsPromise.catch(() => {
      pdfjsPromise = null;
    });
  }
  return pdfjsPromise;
}

function base64ToBytes(base64: string): Uint8Array {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

interface PdfPagesProps {
  pdfBase64: string;
  /** CSS pixels per PDF point. */
  scale?: number;
}

/** Renders every page of a PDF into its own canvas. */
export function PdfPages({ pdfBase64, scale = 1.25 }: PdfPagesProps) {
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ status: 'loading' | 'done' | 'error'; pages: number; message?: string }>({
    status: 'loading',
    pages: 0,
  });

  useEffect(() => {
    let cancelled = false;
    const host = container.current;
    if (!host) return;
    host.replaceChildren();
    setState({ status: 'loading', pages: 0 });
    let destroy: (() => void) | null = null;

    (async () => {
      const pdfjs = await loadPdfJs();
      const task = pdfjs.getDocument({
        data: base64ToBytes(pdfBase64),
        isEvalSupported: false,
        useWasm: false,
        useSystemFonts: false,
        disableFontFace: false,
      });
      destroy = () => void task.destroy();
      const doc = await task.promise;
      const dpr = window.devicePixelRatio || 1;
      for (let n = 1; n <= doc.numPages; n++) {
        if (cancelled) return;
        const page = await doc.getPage(n);
        const viewport = page.getViewport({ scale });
        const canvas = document.createElement('canvas');
        canvas.width = Math.floor(viewport.width * dpr);
        canvas.height = Math.floor(viewport.height * dpr);
        // Height follows from the canvas' aspect ratio (CSS height:auto), so a narrow window scales the page.
        canvas.style.width = `${Math.floor(viewport.width)}px`;
        canvas.className = 'pdf-page';
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', `Seite ${n} von ${doc.numPages}`);
        host.appendChild(canvas);
        await page.render({
          canvas,
          viewport,
          transform: dpr !== 1 ? [dpr, 0, 0, dpr, 0, 0] : undefined,
        }).promise;
      }
      if (!cancelled) setState({ status: 'done', pages: doc.numPages });
    })().catch((e: unknown) => {
      if (cancelled) return;
      setState({
        status: 'error',
        pages: 0,
        message: 'Die Vorschau konnte nicht angezeigt werden.' + (e instanceof Error ? ` (${e.message})` : ''),
      });
    });

    return () => {
      cancelled = true;
      destroy?.();
    };
  }, [pdfBase64, scale]);

  return (
    <div className="pdf-view">
      {state.status === 'loading' ? <p className="muted">Dokument wird dargestellt …</p> : null}
      {state.status === 'error' ? (
        <div className="alert alert-error" role="alert">
          {state.message}
        </div>
      ) : null}
      <div ref={container} className="pdf-pages" data-testid="pdf-pages" data-pages={state.pages} data-status={state.status} />
    </div>
  );
}

interface PdfModalProps {
  title: string;
  pdfBase64: string | null;
  loading?: boolean;
  error?: Error | null;
  /** Shown while `loading`; documents are generated, attachments only loaded. */
  loadingText?: string;
  onClose(): void;
}

export function PdfModal({ title, pdfBase64, loading, error, loadingText = 'Dokument wird erzeugt …', onClose }: PdfModalProps) {
  return (
    <Modal title={title} onClose={onClose} wide footer={<button type="button" className="btn" onClick={onClose}>Schließen</button>}>
      {loading ? <p className="muted">{loadingText}</p> : null}
      {error ? (
        <div className="alert alert-error" role="alert">
          {error.message}
        </div>
      ) : null}
      {pdfBase64 ? <PdfPages pdfBase64={pdfBase64} /> : null}
    </Modal>
  );
}
