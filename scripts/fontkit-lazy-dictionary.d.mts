/** fontkit's UMD source with its WOFF2 dictionary decompressed on first use, or undefined for a build it does not know. */
export function lazyBrotliDictionary(source: string): string | undefined;
