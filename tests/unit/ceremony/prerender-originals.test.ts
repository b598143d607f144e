// Originals rendered ahead of the import (prerender-originals.ts, used by `npm start` for the
// demo on an empty DATA_DIR): the import must get exactly what it would have rendered itself,
// each original rendered once, and anything else rendered as asked.
import { describe, expect, it } from 'vitest';
import { prerenderOriginals } from '../../../server/ceremony/prerender-originals';
import { agreementDocumentInput } from '../../../server/ceremony/document-inputs';
import { rosterToCeremony } from '../../../server/ceremony/import-ceremony';
import { createDocumentService, sha256Hex } from '../../../server/documents/document-service';
import type { AgreementDocumentInput, DocumentService } from '../../../server/documents/types';
import { createState } from '../../../server/domain/state';
import { tinyRoster } from '../../support/tiny-roster';

const service = createDocumentService();

function counting(): DocumentService & { rendered: string[] } {
  const rendered: string[] = [];
  return {
    rendered,
    renderAgreement: (input) => {
      rendered.push(input.agreement.id);
      return service.renderAgreement(input);
    },
    finalizeAgreement: (input) => service.finalizeAgreement(input),
  };
}

/** The inputs importValidated makes, at import time (a later createdAt than the render ahead). */
function importInputs(roster = tinyRoster()): AgreementDocumentInput[] {
  const ceremony = rosterToCeremony(roster, roster.id!, '2026-11-30T10:00:00.000Z');
  const state = createState(ceremony, { now: ceremony.createdAt });
  return ceremony.agreements.map((a) => agreementDocumentInput(state, a));
}

describe('originals rendered ahead of the import', () => {
  it('hands the import the same bytes it would render, each original rendered once', { timeout: 60_000 }, async () => {
    const documents = counting();
    const ahead = prerenderOriginals(documents, tinyRoster(), 2);
    const inputs = importInputs();
    const pdfs = await Promise.all(inputs.map((input) => ahead.renderAgreement(input)));
    for (const [i, input] of inputs.entries()) expect(sha256Hex(pdfs[i])).toBe(sha256Hex(await service.renderAgreement(input)));
    expect([...documents.rendered].sort()).toEqual(['K-001', 'K-002', 'K-003', 'K-004']);
    // Once: asked again, it renders again.
    await ahead.renderAgreement(inputs[0]);
    expect(documents.rendered.filter((id) => id === 'K-001')).toHaveLength(2);
  });

  it('renders an input that differs from the one rendered ahead as asked', { timeout: 60_000 }, async () => {
    const documents = counting();
    const ahead = prerenderOriginals(documents, tinyRoster(), 1);
    const changed = tinyRoster();
    changed.agreements[1] = { ...changed.agreements[1], title: 'Perjanjian Kemitraan Pengolahan Kakao (perubahan)' };
    const input = importInputs(changed)[1];
    const pdf = await ahead.renderAgreement(input);
    expect(sha256Hex(pdf)).toBe(sha256Hex(await service.renderAgreement(input)));
    expect(sha256Hex(pdf)).not.toBe(sha256Hex(await service.renderAgreement(importInputs()[1])));
    expect(documents.rendered.filter((id) => id === 'K-002').length).toBeGreaterThanOrEqual(2);
  });

  it('renders nothing ahead for a roster without an id (the import draws one)', async () => {
    const documents = counting();
    const { id: _id, ...roster } = tinyRoster();
    expect(prerenderOriginals(documents, roster, 2)).toBe(documents);
    expect(documents.rendered).toEqual([]);
  });
});
