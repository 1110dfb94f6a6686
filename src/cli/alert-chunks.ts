import type { Alert } from '../scoring/alert.js';

/** Characters of output gathered before a chunk is handed on. */
const CHUNK_CHARS = 1 << 20;

/**
 * The alerts as NDJSON (one alert per line) or as a JSON array indented by two, in chunks of about
 * a megabyte: byte for byte `alerts.map((a) => JSON.stringify(a) + '\n').join('')` and
 * `JSON.stringify(alerts, null, 2) + '\n'`, without holding the whole text at once (on the 1M-row
 * bench file the NDJSON is 19 MB, a string of that size and its parts were the scan's last peak).
 */
export function* alertChunks(format: 'ndjson' | 'json', alerts: readonly Alert[]): Generator<string> {
  if (format === 'json' && alerts.length === 0) {
    yield '[]\n';
    return;
  }
  let parts: string[] = format === 'json' ? ['[\n'] : [];
  let size = 0;
  for (let i = 0; i < alerts.length; i++) {
    let text: string;
    if (format === 'ndjson') text = `${JSON.stringify(alerts[i])}\n`;
    else {
      // An element of an array indented by two: each of its lines two spaces deeper (JSON strings hold no raw line breaks).
      const element = `  ${JSON.stringify(alerts[i], null, 2).replaceAll('\n', '\n  ')}`;
      text = i === alerts.length - 1 ? `${element}\n]\n` : `${element},\n`;
    }
    parts.push(text);
    size += text.length;
    if (size >= CHUNK_CHARS) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}
