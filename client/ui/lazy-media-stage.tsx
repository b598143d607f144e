// The media stage pulls in mediasoup-client; loading it lazily keeps it out of every route's
// first download (the tally must stay small on a phone).
import { lazy, Suspense } from 'react';
import type { MediaStageProps } from '../media/media-stage';
import { useI18n } from './i18n-context';

const MediaStage = lazy(() => import('../media/media-stage'));

export function LazyMediaStage(props: MediaStageProps) {
  const { t } = useI18n();
  return (
    <Suspense fallback={<div className="media-stage media-stage--loading">{t('room.stage')}…</div>}>
      <MediaStage {...props} />
    </Suspense>
  );
}
