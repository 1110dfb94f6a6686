/**
 * The report's only script (one inline `<script>`, allowed by its hash in the page's CSP): it
 * shows the filter form, filters the alert list and the cases by band, typology, rule, entity and
 * text, sorts the list by a column, toggles a graph between fitted and actual size, and unfolds
 * every evidence table on "expand all" and before printing. It reads only the page (no data is
 * embedded in it, no network, no eval), so the page is complete without it.
 */
export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var doc = document;
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };
  var openAll = function () { each(doc.querySelectorAll('details'), function (d) { d.open = true; }); };
  window.addEventListener('beforeprint', openAll);
  each(doc.querySelectorAll('button.zoom'), function (b) { b.hidden = false; });
  doc.addEventListener('click', function (e) {
    var t = e.target;
    var zoom = t && t.closest ? t.closest('button.zoom') : null;
    if (!zoom) return;
    var fig = zoom.closest('figure');
    var on = fig.classList.toggle('zoomed');
    zoom.setAttribute('aria-pressed', on ? 'true' : 'false');
    zoom.textContent = on ? 'fit to width' : 'actual size';
  });
  var table = doc.getElementById('alert-table');
  var form = doc.getElementById('filters');
  if (!table || !form) return;
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var cases = {};
  each(doc.querySelectorAll('section.case'), function (s) { cases[s.id] = s; });
  var texts = {};
  var caseText = function (id) {
    if (!(id in texts)) texts[id] = cases[id] ? cases[id].textContent.toLowerCase() : '';
    return texts[id];
  };
  var has = function (list, v) { return (' ' + list + ' ').indexOf(' ' + v + ' ') >= 0; };
  var shown = doc.getElementById('shown');
  var el = form.elements;
  var apply = function () {
    var band = el.band.value, typ = el.typology.value, rule = el.rule.value;
    var ent = el.entity.value.trim().toLowerCase(), text = el.text.value.trim().toLowerCase();
    var n = 0;
    rows.forEach(function (r) {
      var d = r.dataset;
      var ok = (!band || d.band === band) && (!typ || has(d.typologies, typ)) && (!rule || has(d.rules, rule)) &&
        (!ent || d.entity.toLowerCase().indexOf(ent) >= 0) &&
        (!text || r.textContent.toLowerCase().indexOf(text) >= 0 || caseText(d.case).indexOf(text) >= 0);
      if (r.hidden === ok) {
        r.hidden = !ok; // only on change: 10,000 rows, each write invalidates style
        if (cases[d.case]) cases[d.case].hidden = !ok;
      }
      if (ok) n++;
    });
    shown.textContent = n + ' of ' + rows.length + ' alerts shown';
  };
  form.addEventListener('input', apply);
  form.addEventListener('change', apply);
  form.addEventListener('reset', function () { setTimeout(apply, 0); });
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  var expand = doc.getElementById('expand-all');
  if (expand) expand.addEventListener('click', openAll);
  var current = { key: 'order', dir: 1 };
  each(table.querySelectorAll('th button[data-sort]'), function (b) {
    b.addEventListener('click', function () {
      var key = b.dataset.sort, num = b.dataset.type === 'num';
      var dir = current.key === key ? -current.dir : (num && key !== 'order' ? -1 : 1);
      current = { key: key, dir: dir };
      rows.sort(function (x, y) {
        var a = x.dataset[key], c = y.dataset[key];
        var r = num ? Number(a) - Number(c) : (a < c ? -1 : a > c ? 1 : 0);
        return r * dir || Number(x.dataset.order) - Number(y.dataset.order);
      });
      var frag = doc.createDocumentFragment();
      rows.forEach(function (r) { frag.appendChild(r); });
      tbody.appendChild(frag);
      each(table.querySelectorAll('th'), function (th) { th.removeAttribute('aria-sort'); });
      b.parentNode.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
    });
  });
  var reveal = function () {
    var id = decodeURIComponent(location.hash.slice(1));
    if (cases[id] && cases[id].hidden) { form.reset(); apply(); cases[id].scrollIntoView(); }
  };
  window.addEventListener('hashchange', reveal);
  form.hidden = false;
})();
`;
