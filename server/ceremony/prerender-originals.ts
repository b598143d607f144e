// An agreement's original is a function of the roster alone (document-inputs.ts: ceremony id and
// title, the agreement, its parties and rooms; no time, no URL), so it can be rendered before the
// roster is imported. `npm start` on an empty DATA_DIR renders the demo's originals while the
// store opens and the seal's keys are made, and the import then takes them from here.
import type { TRoster } from '../../shared/protocol/schemas';
import type { AgreementDocumentInput, DocumentService } from '../documents/types';
import { createState } from '../domain/state';
import { agreementDocumentInput } from './document-inputs';
import { rosterToCeremony } from './import-ceremony';

/** Any fixed time: the inputs do not carry it. */
const UNUSED_TIME = '2000-01-01T00:00:00.000Z';

/**
 * `documents` with every original of `roster` already being rendered, `concurrency` at a time in
 * roster order. renderAgreement answers with the original rendered ahead when its input is the
 * same (compared whole), once; any other input is rendered as it comes. A roster without an id
 * (the import draws one at random) is not rendered ahead.
 */
export function prerenderOriginals(documents: DocumentService, roster: TRoster, concurrency: number): DocumentService {
  if (!roster.id) return documents;
  const ceremony = rosterToCeremony(roster, roster.id, UNUSED_TIME);
  const state = createState(ceremony, { now: UNUSED_TIME });
  const ahead = new Map<string, { input: string; pdf: Promise<Uint8Array> }>();
  const queue: Array<{ input: AgreementDocumentInput; settle: (pdf: Promise<Uint8Array>) => void }> = [];
  for (const agreement of ceremony.agreements) {
    const input = agreementDocumentInput(state, agreement);
    let settle!: (pdf: Promise<Uint8Array>) => void;
    const pdf = new Promise<Uint8Array>((resolve) => (settle = resolve));
    pdf.catch(() => {}); // a render that fails here fails again, and is reported, when asked for
    ahead.set(agreement.id, { input: JSON.stringify(input), pdf });
    queue.push({ input, settle });
  }
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const pdf = documents.renderAgreement(next.input);
      next.settle(pdf);
      await pdf.catch(() => {});
    }
  };
  for (let i = 0; i < Math.max(1, concurrency); i++) void lane();
  return {
    renderAgreement(input) {
      const rendered = ahead.get(input.agreement.id);
      if (!rendered) return documents.renderAgreement(input);
      ahead.delete(input.agreement.id);
      return rendered.input === JSON.stringify(input) ? rendered.pdf : documents.renderAgreement(input);
    },
    finalizeAgreement: (input) => documents.finalizeAgreement(input),
  };
}
