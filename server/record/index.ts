// The ceremony record: Berita Acara and the archive ZIP.
export { renderBeritaAcara, type BeritaAcaraOptions } from './berita-acara';
export type { BeritaAcaraAgreement, BeritaAcaraInput, BeritaAcaraOfficial, BeritaAcaraOfficialSignature, BeritaAcaraRoom, RecordDocumentState } from './berita-acara-input';
export { buildManifest, buildRecordZip, manifestCsv, type ManifestEntry, type ManifestRow, type ManifestSignature, type OmittedAgreement, type RecordFile, type RecordZipInput } from './record-zip';
