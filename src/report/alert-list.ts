import type { Alert } from '../scoring/alert.js';
import { esc } from './escape.js';
import { clip } from './format.js';
import { leadingHit } from './leading-hit.js';

/**
 * The alert list: one row per alert with a link to its case, and `data-*` attributes (band,
 * typologies, rules, entity, dates, counts) that the inline script filters and sorts on. The
 * filter form is rendered `hidden` and shown by the script, so the page without scripts is a
 * plain table.
 * @param caseIds - the case anchor of each alert, same order
 * @example alertListHtml(alerts, alerts.map((_, i) => `c${i + 1}`))
 */
export function alertListHtml(alerts: readonly Alert[], caseIds: readonly string[]): string {
  const typologies = [...new Set(alerts.flatMap((a) => a.typologies.map((t) => t.id)))].sort();
  const rules = [...new Set(alerts.flatMap((a) => a.hits.map((h) => h.rule)))].sort();
  const options = (values: readonly string[]) => values.map((v) => `<option value="${esc(v)}">${esc(v)}</option>`).join('');
  const form =
    '<form id="filters" class="controls" hidden>' +
    `<label>band <select name="band"><option value="">any</option>${options(['critical', 'high', 'medium', 'low'])}</select></label>` +
    `<label>typology <select name="typology"><option value="">any</option>${options(typologies)}</select></label>` +
    `<label>rule <select name="rule"><option value="">any</option>${options(rules)}</select></label>` +
    '<label>entity <input name="entity" type="search" placeholder="id" autocomplete="off"></label>' +
    '<label>text <input name="text" type="search" placeholder="reason, name, id…" autocomplete="off"></label>' +
    '<button type="reset">clear</button> <button type="button" id="expand-all">expand all evidence</button>' +
    `<output id="shown">${alerts.length} of ${alerts.length} alerts shown</output></form>`;
  const rows = alerts
    .map((a, i) => {
      const id = caseIds[i] ?? '';
      const ruleSet = [...new Set(a.hits.map((h) => h.rule))];
      const evidence = new Set(a.hits.flatMap((h) => h.transactionIds)).size;
      const typ = a.typologies.filter((t) => t.score > 0);
      return (
        `<tr data-case="${id}" data-order="${i}" data-score="${a.score}" data-band="${esc(a.band)}" data-typologies="${esc(a.typologies.map((t) => t.id).join(' '))}" ` +
        `data-rules="${esc(ruleSet.join(' '))}" data-entity="${esc(a.entity.id)}" data-kind="${esc(a.entity.kind)}" data-first="${esc(a.firstSeen)}" data-last="${esc(a.lastSeen)}" data-evidence="${evidence}" data-hits="${a.hits.length}">` +
        `<td class="num">${i + 1}</td><td class="num"><span class="band ${esc(a.band)}">${a.score}</span></td><td>${esc(a.band)}</td>` +
        `<td>${esc(a.entity.kind)} <a href="#${id}"><code>${esc(a.entity.id)}</code></a>${a.members === undefined ? '' : ` (${a.members.length} members)`}</td>` +
        `<td>${typ.map((t) => `${esc(t.id)} ${t.score}`).join(', ')}</td><td class="rules">${ruleSet.map((r) => esc(r)).join(' ')}</td>` +
        `<td>${esc(a.firstSeen.slice(0, 10))}</td><td>${esc(a.lastSeen.slice(0, 10))}</td><td class="num">${a.hits.length}</td><td class="num">${evidence}</td>` +
        `<td class="reason">${esc(clip(leadingHit(a)?.reason ?? '', 140))}</td></tr>`
      );
    })
    .join('');
  const th = (label: string, key: string, num: boolean) =>
    `<th${num ? ' class="num"' : ''}><button type="button" data-sort="${key}"${num ? ' data-type="num"' : ''}>${label}</button></th>`;
  return (
    `<section id="alerts" class="alerts"><h2>Alerts</h2>${form}` +
    '<div class="scroll"><table id="alert-table"><thead><tr>' +
    th('#', 'order', true) + th('score', 'score', true) + th('band', 'score', true) + th('entity', 'entity', false) +
    '<th>typologies</th><th>rules</th>' +
    th('first', 'first', false) + th('last', 'last', false) + th('hits', 'hits', true) + th('evidence', 'evidence', true) +
    `<th>leading reason</th></tr></thead><tbody>${rows}</tbody></table></div></section>`
  );
}
