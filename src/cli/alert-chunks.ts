import type { Alert } from '../scoring/alert.js';
import { alertListOf, type AlertList } from './alert-list.js';

/** Characters of output gathered before a chunk is handed on. */
const CHUNK_CHARS = 1 << 20;

/**
 * The first `count` alerts (default all; from an array or an {@link AlertList}) as NDJSON (one alert per line) or as a JSON array indented by two, in chunks of about
 * a megabyte: byte for byte `alerts.map((a) => JSON.stringify(a) + '\n').join('')` and
 * `JSON.stringify(alerts, null, 2) + '\n'`, without holding the whole text at once (on the 1M-row
 * bench file the NDJSON is 19 MB, a string of that size and its parts were the scan's last peak).
 */
export function* alertChunks(format: 'ndjson' | 'json', all: readonly Alert[] | AlertList, count = all.length): Generator<string> {
  const alerts = Array.isArray(all) ? alertListOf(all) : (all as AlertList);
  const n = Math.min(count, alerts.length);
  if (format === 'json' && n === 0) {
    yield '[]\n';
    return;
  }
  let parts: string[] = format === 'json' ? ['[\n'] : [];
  let size = 0;
  for (let i = 0; i < n; i++) {
    let text: string;
    if (format === 'ndjson') text = `${alerts.json(i)}\n`;
    else {
      // An element of an array indented by two: each of its lines two spaces deeper (JSON strings hold no raw line breaks).
      const element = `  ${JSON.stringify(alerts.at(i), null, 2).replaceAll('\n', '\n  ')}`;
      text = i === n - 1 ? `${element}\n]\n` : `${element},\n`;
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
