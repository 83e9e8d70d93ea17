/** The UTF-8 bytes of `text` (the engines of Newman 6 have no TextEncoder). */
export function utf8Bytes(text: string): Uint8Array {
  const binary = unescape(encodeURIComponent(text));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
