import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PageText } from '../../../src-shared/contract/ocr-commands.js';
import type { Page } from '../../../src-shared/contract/pages-commands.js';
import { useApp } from '../../app/app-context.js';
import { useAction } from '../../app/use-action.js';
import { ErrorBanner, InfoBanner } from '../../components/Feedback.js';
import './ocr.css';
import { isLow, LOW_CONFIDENCE, nextInReview, readingLines, reviewOrder, stepReview, type OcrWordView } from './low-confidence.js';

type Props = {
  page: Page;
  n: number;
  /** Bumped by the parent when this page's OCR finished (ocr.progress): the text is read again. */
  textVersion: number;
  onClose(): void;
};

const pct = (v: number, of: number) => `${(v / of) * 100}%`;

/**
 * One page beside its OCR text. Low-confidence words are marked on the image (boxes placed in
 * percent of the image the boxes refer to, so they follow the displayed size) and in the text;
 * F8 / Shift+F8 step through them lowest confidence first; a word is corrected in place.
 */
export function OcrPageViewer({ page, n, textVersion, onClose }: Props) {
  const { t } = useTranslation('ocr');
  const { client } = useApp();
  const { busy, error, run, setError } = useAction();
  const [image, setImage] = useState<string | null>(null);
  const [text, setText] = useState<PageText | null>(null);
  const [current, setCurrent] = useState<OcrWordView | null>(null);
  const [draft, setDraft] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const textPane = useRef<HTMLDivElement>(null);

  // The archive image, again when the page was rotated (new sha256).
  useEffect(() => {
    let stale = false;
    setImage(null);
    void client.call('pages.image', { id: page.id, variant: 'archive' }).then((r) => {
      if (stale) return;
      if (r.ok) setImage(`data:${r.value.mime};base64,${r.value.base64}`);
      else setError(r.error.message);
    });
    return () => {
      stale = true;
    };
  }, [client, page.id, page.sha256, setError]);

  useEffect(() => {
    let stale = false;
    void client.call('ocr.pageText', { pageId: page.id }).then((r) => {
      if (stale) return;
      if (r.ok) setText(r.value);
      else setError(r.error.message);
    });
    return () => {
      stale = true;
    };
  }, [client, page.id, page.sha256, textVersion, setError]);

  const select = useCallback((w: OcrWordView | null) => {
    setCurrent(w);
    setDraft(w ? w.text : null);
  }, []);

  const step = useCallback(
    (back: boolean) => {
      if (!text) return;
      const next = stepReview(text.words, current, back);
      // A notice from an earlier step or save would sit above the new word as if about it.
      setNotice(next ? null : t('noLow'));
      select(next);
    },
    [text, current, select, t],
  );

  // F8 / Shift+F8 anywhere while the viewer is open (the correction input included).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F8') return;
      e.preventDefault();
      step(e.shiftKey);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step]);

  useEffect(() => {
    if (!current) return;
    input.current?.focus();
    // The text pane scrolls (max 70vh): on a full A4 page the stepped-to word may be out of sight.
    textPane.current?.querySelector('.ocr-word.current')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [current]);

  const save = async () => {
    if (!current || draft === null) return;
    const value = draft.trim();
    if (!value) return select(null);
    if (value === current.text) {
      // Enter on a word left as read: on to the next weak word, nothing saved (Esc closes).
      const next = text ? nextInReview(text.words, current) : null;
      setNotice(next ? null : t('reviewEnd'));
      return select(next);
    }
    const r = await run(() => client.call('ocr.correctWord', { pageId: page.id, index: current.index, text: value }));
    if (!r) return;
    setText(r);
    // On to the next weak word, as a reviewer expects after Enter; at the end of the list, say so.
    const next = nextInReview(r.words, current);
    setNotice(t('corrected', { from: current.text, to: value }) + (next ? '' : ' ' + t('reviewEnd')));
    select(next);
  };

  const w = text?.imageWidth ?? page.width;
  const h = text?.imageHeight ?? page.height;
  const low = text ? reviewOrder(text.words) : [];
  const found = text ? [...text.found.idNumbers, ...text.found.dates] : [];

  return (
    <section className="ocr-viewer card" aria-labelledby="ocr-viewer-title" data-testid="ocr-viewer" data-page-id={page.id}>
      <div className="ocr-viewer-head">
        <h3 id="ocr-viewer-title">{t('viewerTitle', { n })}</h3>
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      <ErrorBanner message={error} onDismiss={() => setError(null)} />
      <InfoBanner message={notice} />
      <div className="ocr-split">
        <div className="ocr-image-wrap">
          {image ? (
            <div className="ocr-image">
              <img src={image} alt={t('image', { n })} />
              {text?.words.filter((x) => isLow(x) || x.index === current?.index).map((x) => (
                <button
                  type="button"
                  key={x.index}
                  className={'ocr-box' + (x.index === current?.index ? ' current' : '')}
                  style={{ left: pct(x.box.x0, w), top: pct(x.box.y0, h), width: pct(x.box.x1 - x.box.x0, w), height: pct(x.box.y1 - x.box.y0, h) }}
                  title={t('wordConfidence', { word: x.text, value: Math.round(x.confidence) })}
                  aria-label={t('wordConfidence', { word: x.text, value: Math.round(x.confidence) })}
                  onClick={() => select(x)}
                  tabIndex={-1}
                />
              ))}
            </div>
          ) : (
            <p className="muted">{t('loadingImage')}</p>
          )}
        </div>
        <div className="ocr-text-wrap">
          <h4>{t('text')}</h4>
          {!text || text.text === null ? (
            <p className="muted" data-testid="ocr-no-text">
              {t('noTextYet')}
            </p>
          ) : (
            <>
              <p className="muted small">
                {text.meanConfidence !== null ? t('meanConfidence', { value: Math.round(text.meanConfidence) }) : null}
                {' · '}
                {t('lowCount', { count: low.length, threshold: LOW_CONFIDENCE })}
              </p>
              <div className="actions left">
                <button type="button" onClick={() => step(false)} aria-keyshortcuts="F8">
                  {t('nextLow')}
                </button>
                <button type="button" onClick={() => step(true)} aria-keyshortcuts="Shift+F8">
                  {t('prevLow')}
                </button>
              </div>
              {current && draft !== null ? (
                <form
                  className="ocr-correct"
                  onSubmit={(e) => {
                    e.preventDefault();
                    void save();
                  }}
                >
                  <label>
                    {t('correctLabel', { word: current.text })} ({Math.round(current.confidence)}%)
                    <input
                      ref={input}
                      value={draft}
                      onChange={(e) => setDraft(e.target.value)}
                      onKeyDown={(e) => {
                        if (e.key === 'Escape') select(null);
                      }}
                      maxLength={200}
                      lang="vi"
                    />
                  </label>
                  <button type="submit" className="primary" disabled={busy}>
                    {t('save')}
                  </button>
                  <button type="button" onClick={() => select(null)}>
                    {t('cancel')}
                  </button>
                </form>
              ) : null}
              {text.edited ? <p className="muted small">{t('editedWhole')}</p> : null}
              {text.edited ? (
                <pre className="ocr-text" data-testid="ocr-text">
                  {text.text}
                </pre>
              ) : (
                <div className="ocr-text" data-testid="ocr-text" lang="vi" ref={textPane}>
                  {readingLines(text.words).map((line, i) => (
                    <div key={i}>
                      {line.map((x) => (
                        <span key={x.index}>
                          <span
                            className={'ocr-word' + (isLow(x) ? ' low' : '') + (x.corrected ? ' corrected' : '') + (x.index === current?.index ? ' current' : '')}
                            title={t('wordConfidence', { word: x.text, value: Math.round(x.confidence) })}
                            onClick={() => select(x)}
                            data-index={x.index}
                          >
                            {x.text}
                          </span>{' '}
                        </span>
                      ))}
                    </div>
                  ))}
                </div>
              )}
              {found.length ? <p className="small">{t('found', { items: found.join(', ') })}</p> : null}
              <p className="muted small">{t('keyHint')}</p>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
