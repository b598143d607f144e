// Draw (mouse, pen, finger) or type a signature, then confirm. Drawing is recorded as strokes
// in pad units and shown as smoothed SVG paths; the PNG is made from the same strokes on confirm.
import { useEffect, useId, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { SignatureDraft } from '../lib/signature-store';
import { MAX_TYPED_SIGNATURE_CHARS } from '../../shared/protocol/limits';
import type { TSignatureInput } from '../../shared/protocol/schemas';
import { useI18n } from '../ui/i18n-context';
import { signatureDataUrl } from './signature-png';
import { appendPoint, hasSignature, INK_WIDTH, PAD_HEIGHT, PAD_WIDTH, strokeToPath, type Stroke, type StrokePoint } from './signature-strokes';

export interface SigningPadProps {
  /** Who is signing for which party, shown in the declaration. */
  partyName: string;
  signerName: string;
  busy?: boolean;
  /** Signing is not possible right now (not the signing phase, or offline). */
  disabled?: boolean;
  onConfirm(signature: TSignatureInput): void | Promise<void>;
  /** Label of the confirm button (default "Konfirmasi tanda tangan"). */
  confirmLabel?: string;
  /** What pressing Confirm means (default: signing the agreement on behalf of the party). */
  declaration?: string;
  /** Keeps a half-made signature across reloads of this tab. */
  draft?: { load(): SignatureDraft | undefined; save(draft: SignatureDraft | undefined): void };
}

type Mode = 'drawn' | 'typed';

export function SigningPad({ partyName, signerName, busy = false, disabled: unavailable = false, onConfirm, confirmLabel, declaration, draft }: SigningPadProps) {
  const { t } = useI18n();
  const [initial] = useState(() => draft?.load());
  const [mode, setMode] = useState<Mode>(initial?.mode ?? 'drawn');
  const [strokes, setStrokes] = useState<Stroke[]>(initial?.strokes ?? []);
  const [typed, setTyped] = useState(initial?.typed ?? '');
  const [restored] = useState(() => !!initial);
  const unsaved = strokes.length > 0 || typed.trim() !== '';

  // Every change is kept in the tab; leaving with ink on the pad asks first.
  useEffect(() => {
    draft?.save(unsaved ? { mode, strokes, typed } : undefined);
  }, [draft, mode, strokes, typed, unsaved]);
  useEffect(() => {
    if (!unsaved) return undefined;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);
  const [preparing, setPreparing] = useState(false);
  const drawing = useRef<{ pointerId: number } | undefined>(undefined);
  const svgRef = useRef<SVGSVGElement>(null);
  const typedId = useId();
  const declarationId = useId();

  const ready = mode === 'drawn' ? hasSignature(strokes) : typed.trim().length > 0;
  // Offline, the signer may still draw; only sending waits for the connection.
  const disabled = busy || preparing;

  function toPadPoint(e: { clientX: number; clientY: number }): StrokePoint {
    const rect = svgRef.current?.getBoundingClientRect();
    // A zero-sized box (not laid out yet) maps 1:1 rather than dividing by zero.
    const sx = rect && rect.width ? PAD_WIDTH / rect.width : 1;
    const sy = rect && rect.height ? PAD_HEIGHT / rect.height : 1;
    return { x: (e.clientX - (rect?.left ?? 0)) * sx, y: (e.clientY - (rect?.top ?? 0)) * sy };
  }

  function onPointerDown(e: ReactPointerEvent<SVGSVGElement>) {
    if (disabled || (e.pointerType === 'mouse' && e.button !== 0)) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drawing.current = { pointerId: e.pointerId };
    setStrokes((s) => [...s, [toPadPoint(e)]]);
  }

  function onPointerMove(e: ReactPointerEvent<SVGSVGElement>) {
    if (!drawing.current || drawing.current.pointerId !== e.pointerId) return;
    e.preventDefault();
    // Coalesced events carry the points a fast pen made between two frames.
    const native = e.nativeEvent as PointerEvent;
    const events = typeof native.getCoalescedEvents === 'function' ? native.getCoalescedEvents() : [];
    const points = (events.length ? events : [native]).map(toPadPoint);
    setStrokes((s) => {
      if (!s.length) return s;
      let last = s[s.length - 1];
      for (const p of points) last = appendPoint(last, p);
      return [...s.slice(0, -1), last];
    });
  }

  function onPointerUp(e: ReactPointerEvent<SVGSVGElement>) {
    if (drawing.current?.pointerId === e.pointerId) drawing.current = undefined;
  }

  async function confirm() {
    if (!ready || disabled || unavailable) return;
    if (mode === 'typed') {
      await onConfirm({ kind: 'typed', text: typed.trim() });
      draft?.save(undefined);
      return;
    }
    setPreparing(true);
    try {
      const dataUrl = await signatureDataUrl(strokes);
      await onConfirm({ kind: 'drawn', dataUrl });
      draft?.save(undefined);
    } finally {
      setPreparing(false);
    }
  }

  return (
    <div className="signing-pad" data-mode={mode}>
      {restored && unsaved ? <p className="signing-pad__restored" role="status">{t('pad.restored')}</p> : null}
      <div className="segmented" role="radiogroup" aria-label={t('pad.mode')}>
        {(['drawn', 'typed'] as const).map((m) => (
          <button key={m} type="button" role="radio" aria-checked={mode === m} className="segmented__option" onClick={() => setMode(m)} disabled={disabled}>
            {t(m === 'drawn' ? 'pad.draw' : 'pad.type')}
          </button>
        ))}
      </div>

      {mode === 'drawn' ? (
        <>
          {/* Shown only on a phone held upright (styles.css): a wider pad is easier to sign on. */}
          <p className="signing-pad__landscape" data-testid="pad-landscape">
            <span aria-hidden="true">⟳ </span>
            {t('pad.landscape')}
          </p>
          <div className="signing-pad__surface">
            <svg
              ref={svgRef}
              className="signing-pad__canvas"
              viewBox={`0 0 ${PAD_WIDTH} ${PAD_HEIGHT}`}
              role="img"
              aria-label={t('pad.area')}
              data-strokes={strokes.length}
              onPointerDown={onPointerDown}
              onPointerMove={onPointerMove}
              onPointerUp={onPointerUp}
              onPointerCancel={onPointerUp}
            >
              <line className="signing-pad__baseline" x1={40} x2={PAD_WIDTH - 40} y1={PAD_HEIGHT - 50} y2={PAD_HEIGHT - 50} />
              {strokes.map((stroke, i) => (
                <path key={i} d={strokeToPath(stroke)} className="signing-pad__ink" strokeWidth={INK_WIDTH} />
              ))}
            </svg>
            {strokes.length === 0 ? (
              <span className="signing-pad__placeholder" aria-hidden="true">
                {t('pad.placeholder')}
              </span>
            ) : null}
          </div>
          <div className="signing-pad__tools">
            <button type="button" className="button button--quiet" onClick={() => setStrokes((s) => s.slice(0, -1))} disabled={disabled || !strokes.length}>
              {t('pad.undo')}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setStrokes([])} disabled={disabled || !strokes.length}>
              {t('pad.clear')}
            </button>
          </div>
        </>
      ) : (
        <div className="signing-pad__typed">
          <label htmlFor={typedId}>{t('pad.typedLabel')}</label>
          <input
            id={typedId}
            className="input input--large"
            value={typed}
            maxLength={MAX_TYPED_SIGNATURE_CHARS}
            placeholder={signerName}
            autoComplete="name"
            onChange={(e) => setTyped(e.target.value)}
            disabled={disabled}
          />
          <p className="signing-pad__typed-preview" aria-hidden="true">
            {typed.trim() || '\u00a0'}
          </p>
        </div>
      )}

      <p id={declarationId} className="signing-pad__declaration">
        {declaration ?? t('pad.declaration', { party: partyName })}
      </p>
      <button type="button" className="button button--primary button--large" onClick={() => void confirm()} disabled={!ready || disabled || unavailable} aria-describedby={declarationId}>
        {busy || preparing ? t('room.sending') : confirmLabel ?? t('pad.confirm')}
      </button>
    </div>
  );
}
