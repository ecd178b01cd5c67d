/* layout.js: the layout page's world map (progressive enhancement; the
 * tables on the page carry the same facts). Countries are matched by their
 * ISO 3166-1 numeric code, the ids of the world-atlas TopoJSON. Modes: all
 * ties (count), one list (state of each member), gaps (priority). */
(function () {
  'use strict';
  var STATE_COLORS = { covered: '#1a7f37', dormant_only: '#e69a28', candidate_only: '#f2cc60',
    inactive_only: '#8c959f', none: '#c0392b' };
  var STATES = ['covered', 'dormant_only', 'candidate_only', 'inactive_only', 'none'];

  function load(src) {
    return new Promise(function (resolve, reject) {
      if (document.querySelector('script[data-src="' + src + '"]') && window.echarts && src.indexOf('echarts') >= 0) { resolve(); return; }
      var s = document.createElement('script');
      s.src = src; s.setAttribute('data-src', src); s.onload = resolve; s.onerror = reject;
      document.head.appendChild(s);
    });
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function start() {
    var el = document.getElementById('layoutmap');
    var src = document.getElementById('layout-data');
    if (!el || !src) return;
    var data = JSON.parse(src.textContent);
    var L = data.labels || {};
    var byCcn = {};
    data.countries.forEach(function (c) { byCcn[c.ccn3] = c; });
    var gapPrio = {};
    data.gaps.forEach(function (g) { gapPrio[g.ccn3] = g.priority; });
    var scripts = window.echarts ? Promise.resolve() : load('/static/echarts.min.js');
    Promise.all([scripts, window.topojson ? Promise.resolve() : load('/static/topojson-client.min.js'),
      fetch('/static/world-110m.json').then(function (r) { return r.json(); })]).then(function (res) {
      var topo = res[2];
      var echarts = window.echarts;
      if (!echarts.getMap('world')) {
        var geo = window.topojson.feature(topo, topo.objects.countries);
        geo.features.forEach(function (f) { f.properties = { name: String(f.id) }; });
        echarts.registerMap('world', geo);
      }
      var chart = echarts.init(el);
      var mode = 'ties';

      function option() {
        var series = { type: 'map', map: 'world', roam: true, zoom: 1.15, top: 10, bottom: 10, name: mode,
          itemStyle: { areaColor: '#eef1f4', borderColor: '#b8c0c8', borderWidth: 0.5 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffd8a8' } }, data: [] };
        var visualMap;
        var tip;
        if (mode === 'ties') {
          var max = 1;
          data.countries.forEach(function (c) {
            if (c.ties > 0) { series.data.push({ name: c.ccn3, value: c.ties }); max = Math.max(max, c.ties); }
          });
          visualMap = { min: 0, max: max, left: 0, bottom: 10, itemHeight: 80, text: [String(max), '0'],
            inRange: { color: ['#f3d6d2', '#8c1d18'] }, calculable: false };
          tip = function (c) { return escapeHtml(c.name) + ': ' + c.ties + ' ' + escapeHtml(L.ties || ''); };
        } else if (mode === 'gaps') {
          var pmax = 1;
          data.gaps.forEach(function (g) { series.data.push({ name: g.ccn3, value: g.priority }); pmax = Math.max(pmax, g.priority); });
          visualMap = { min: 0, max: pmax, left: 0, bottom: 10, itemHeight: 80, text: [String(pmax), '0'],
            inRange: { color: ['#fde2c4', '#a33a00'] }, calculable: false };
          tip = function (c) { var p = gapPrio[c.ccn3]; return escapeHtml(c.name) + (p !== undefined ? ': ' + escapeHtml(L.priority || '') + ' ' + p : ''); };
        } else {
          var key = mode.slice(5);
          data.countries.forEach(function (c) {
            if (c.lists.indexOf(key) >= 0) series.data.push({ name: c.ccn3, value: STATES.indexOf(c.state) });
          });
          visualMap = { type: 'piecewise', left: 0, bottom: 10, pieces: STATES.map(function (s, i) {
            return { value: i, label: L[s] || s, color: STATE_COLORS[s] };
          }) };
          tip = function (c) {
            return escapeHtml(c.name) + ': ' + escapeHtml(c.lists.indexOf(key) >= 0 ? (L[c.state] || c.state) : (L.not_member || ''));
          };
        }
        return {
          animation: false,
          tooltip: { trigger: 'item', formatter: function (p) { var c = byCcn[p.name]; return c ? tip(c) : ''; } },
          visualMap: visualMap, series: [series]
        };
      }

      function draw() { chart.setOption(option(), true); }
      var modes = document.getElementById('map-modes');
      if (modes) {
        modes.hidden = false;
        modes.addEventListener('click', function (ev) {
          var b = ev.target.closest('button[data-mode]');
          if (!b) return;
          mode = b.getAttribute('data-mode');
          modes.querySelectorAll('button').forEach(function (x) { x.setAttribute('aria-pressed', x === b ? 'true' : 'false'); });
          draw();
          el.setAttribute('data-mode', mode);
        });
      }
      chart.on('click', function (p) {
        var c = byCcn[p.name];
        if (c) location.href = '/network/countries/' + encodeURIComponent(c.iso2);
      });
      /* Not while the container has no area (ECharts' geo view would throw). */
      window.addEventListener('resize', function () { if (el.clientWidth > 0 && el.clientHeight > 0) chart.resize(); });
      draw();
      el.setAttribute('data-mode', mode);
      el.setAttribute('data-rendered', '1');
    }).catch(function (e) { console.warn('layout map not drawn', e); });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
