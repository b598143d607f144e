// One representative signing one agreement, DocuSign-style: the first time they make (adopt) a
// signature on the pad; from then on the adopted signature is shown and applied to each further
// agreement with a deliberate press per agreement. Another party's representative in the same
// room adopts their own.
import { useMemo } from 'react';
import type { Agreement, Party } from '../../shared/domain/types';
import type { TSignatureInput } from '../../shared/protocol/schemas';
import { loadDraft, saveDraft } from '../lib/signature-store';
import { useI18n } from '../ui/i18n-context';
import { SigningPad } from './signing-pad';

export interface PartySignerProps {
  ceremonyId: string;
  agreement: Agreement;
  party: Party;
  adopted?: TSignatureInput;
  canSign: boolean;
  busy: boolean;
  /** Signs with `signature`; `adopt` keeps it for this representative's next agreements. */
  sign(signature: TSignatureInput, adopt: boolean): void;
  clearAdopted(): void;
}

export function PartySigner({ ceremonyId, agreement, party, adopted, canSign, busy, sign, clearAdopted }: PartySignerProps) {
  const { t } = useI18n();
  const rep = party.representative;
  const draft = useMemo(
    () => ({
      load: () => loadDraft(ceremonyId, agreement.id, party.id),
      save: (d: Parameters<typeof saveDraft>[3]) => saveDraft(ceremonyId, agreement.id, party.id, d),
    }),
    [ceremonyId, agreement.id, party.id],
  );
  return (
    <div className="party-signer" data-party={party.id} data-adopted={adopted ? 'yes' : 'no'}>
      <h4 className="party-signer__who">
        {t('room.signFor', { party: party.name })}
        <span>
          {t('room.signer')}: {rep.name}, {rep.title}
        </span>
      </h4>
      {adopted ? (
        <div className="adopted">
          <p className="adopted__label">{t('adopt.yours', { name: rep.name })}</p>
          {adopted.kind === 'drawn' ? (
            <img className="adopted__image" src={adopted.dataUrl} alt={t('adopt.imageAlt', { name: rep.name })} />
          ) : (
            <p className="adopted__typed">{adopted.text}</p>
          )}
          <button type="button" className="button button--small button--quiet" onClick={clearAdopted} disabled={busy}>
            {t('adopt.change')}
          </button>
          <p className="signing-pad__declaration" id={`decl-${agreement.id}-${party.id}`}>
            {t('pad.declaration', { party: party.name })}
          </p>
          <button
            type="button"
            className="button button--primary button--large"
            data-testid="apply-signature"
            disabled={!canSign || busy}
            aria-describedby={`decl-${agreement.id}-${party.id}`}
            onClick={() => sign(adopted, false)}
          >
            {busy ? t('room.sending') : t('adopt.apply', { number: agreement.id })}
          </button>
        </div>
      ) : (
        <>
          <p className="party-signer__hint">{t('adopt.hint', { name: rep.name })}</p>
          <SigningPad
            key={`${agreement.id}:${party.id}`}
            partyName={party.name}
            signerName={rep.name}
            busy={busy}
            disabled={!canSign}
            draft={draft}
            confirmLabel={t('adopt.adoptAndSign', { number: agreement.id })}
            onConfirm={(signature) => sign(signature, true)}
          />
        </>
      )}
    </div>
  );
}
