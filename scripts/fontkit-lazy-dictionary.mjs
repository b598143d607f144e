// @pdf-lib/fontkit carries a Brotli decoder (for WOFF2 fonts) whose 122 KB static dictionary is
// itself Brotli-compressed, and the package decompresses it in JavaScript as soon as it is loaded:
// ~0.1 s of CPU in every stamping worker at start-up, for fonts Saksi never uses (its Noto fonts
// are TTF). The bundle (scripts/build-server.mjs) loads a copy of the package in which the
// dictionary is decompressed the first time a WOFF2 font asks for it, with the same bytes.

/** The statement in fontkit's UMD build that decompresses the dictionary at load. */
const EAGER = 'dictionary.init(BrotliDecompressBuffer);';
const LAZY =
  "Object.defineProperty(dictionary, 'dictionary', { configurable: true, enumerable: true, get: function () {" +
  ' var words = dictionaryDataCompressed.init(BrotliDecompressBuffer);' +
  " Object.defineProperty(dictionary, 'dictionary', { value: words, enumerable: true, writable: true });" +
  ' return words; } });';

/**
 * fontkit's UMD source with the dictionary made lazy, or undefined when the source is not the
 * build this was written for (the statement or the names it uses are not there exactly once):
 * then the package is used as it is.
 */
export function lazyBrotliDictionary(source) {
  const once = (text) => source.split(text).length === 2;
  if (!once(EAGER) || !once('var dictionaryDataCompressed = {') || !once('var dictionary = createCommonjsModule(')) return undefined;
  return source.replace(EAGER, LAZY);
}
