/* app.js: progressive enhancement for youcheng pages. The pages work
 * without it; it adds the world map and charts (Apache ECharts, served by
 * the binary), the partner-page map and the city autocomplete. */
(function () {
  'use strict';
  var COLORS = { sister: '#c0392b', cooperation: '#1f6fb2', candidate: '#d98e04', home: '#111' };
  var loaded = {};

  function load(src) {
    if (!loaded[src]) {
      loaded[src] = new Promise(function (resolve, reject) {
        var s = document.createElement('script');
        s.src = src; s.onload = resolve; s.onerror = reject;
        document.head.appendChild(s);
      });
    }
    return loaded[src];
  }

  function worldMap() {
    return Promise.all([load('/static/echarts.min.js'), load('/static/topojson-client.min.js'),
      fetch('/static/world-110m.json').then(function (r) { return r.json(); })])
      .then(function (res) {
        var topo = res[2];
        if (!window.echarts.getMap('world')) {
          var geo = window.topojson.feature(topo, topo.objects.countries);
          /* Drop Antarctica (ISO 010): it only takes room. */
          geo.features = geo.features.filter(function (f) { return String(f.id) !== '010'; });
          geo.features.forEach(function (f) {
            f.properties = { name: String(f.id) };
            unwrapAntimeridian(f.geometry);
          });
          window.echarts.registerMap('world', geo);
        }
        return window.echarts;
      });
  }

  /* Rings that cross the 180th meridian (Russia, Fiji) would be drawn
   * across the whole map: move their western points east by 360 degrees. */
  function unwrapAntimeridian(g) {
    if (!g) return;
    var polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    polys.forEach(function (poly) {
      poly.forEach(function (ring) {
        var crosses = false;
        for (var i = 1; i < ring.length; i++) {
          if (Math.abs(ring[i][0] - ring[i - 1][0]) > 180) { crosses = true; break; }
        }
        if (crosses) ring.forEach(function (pt) { if (pt[0] < 0) pt[0] += 360; });
      });
    });
  }

  /* Resize chart with the window, unless its container has no area at that
   * moment (the window is being resized for a full-page screenshot, say): a
   * geo view of zero size has no inverse transform and ECharts throws. */
  function followResize(el, chart) {
    window.addEventListener('resize', function () {
      if (el.clientWidth > 0 && el.clientHeight > 0) chart.resize();
    });
  }

  function jsonData(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function dashboardMap() {
    var el = document.getElementById('worldmap');
    var data = jsonData('map-data');
    if (!el || !data) return;
    var labels = jsonData('map-labels') || {};
    worldMap().then(function (echarts) {
      var chart = echarts.init(el);
      var areas = Object.keys(data.countries).map(function (k) {
        return { name: k, value: data.countries[k].n, label: data.countries[k].name };
      });
      var max = areas.reduce(function (m, a) { return Math.max(m, a.value); }, 1);
      var series = [{
        type: 'map', map: 'world', geoIndex: 0, data: areas, name: 'countries'
      }];
      /* The kinds the map has points of (the portal shows no candidates). */
      var kinds = ['sister', 'cooperation', 'candidate'].filter(function (k) {
        return data.points.some(function (p) { return p.kind === k; });
      });
      kinds.forEach(function (kind) {
        series.push({
          type: 'scatter', coordinateSystem: 'geo', name: labels[kind] || kind, symbolSize: 9,
          itemStyle: { color: COLORS[kind], borderColor: '#fff', borderWidth: 1 },
          data: data.points.filter(function (p) { return p.kind === kind; })
            .map(function (p) { return { name: p.name, value: [p.lng, p.lat], id: p.id }; })
        });
      });
      if (data.home) {
        series.push({
          type: 'effectScatter', coordinateSystem: 'geo', name: labels.home || 'home', symbolSize: 12,
          itemStyle: { color: COLORS.home }, data: [{ name: data.home.name, value: [data.home.lng, data.home.lat] }]
        });
      }
      chart.setOption({
        animation: false,
        tooltip: {
          trigger: 'item', formatter: function (p) {
            if (p.seriesType === 'map') {
              var a = data.countries[p.name];
              return a ? escapeHtml(a.name) + ': ' + a.n : '';
            }
            return escapeHtml(p.name) + (p.seriesName ? ' · ' + escapeHtml(p.seriesName) : '');
          }
        },
        legend: { bottom: 0, data: kinds.map(function (k) { return labels[k] || k; }) },
        visualMap: { min: 0, max: max, seriesIndex: 0, show: el.clientWidth >= 600, left: 0, bottom: 30, itemHeight: 80,
          inRange: { color: ['#f3d6d2', '#8c1d18'] }, calculable: false, text: [String(max), '0'] },
        geo: { map: 'world', roam: true, zoom: 1, left: 0, right: 0, top: 10, bottom: el.clientWidth < 600 ? 60 : 40,
          itemStyle: { areaColor: '#eef1f4', borderColor: '#b8c0c8', borderWidth: 0.5 },
          emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffd8a8' } } },
        series: series
      });
      /* data-href: where a partner's page is (the portal's own, /portal/partners/). */
      var href = el.getAttribute('data-href') || '/partners/';
      chart.on('click', function (p) { if (p.data && p.data.id) location.href = href + p.data.id; });
      followResize(el, chart);
      el.setAttribute('data-rendered', '1');
    }).catch(function (e) { console.warn('map not drawn', e); });
  }

  function charts() {
    var tables = document.querySelectorAll('table.bars[data-chart]');
    if (!tables.length) return;
    load('/static/echarts.min.js').then(function () {
      tables.forEach(function (t) {
        var el = document.getElementById(t.getAttribute('data-chart'));
        if (!el) return;
        var names = [], values = [];
        t.querySelectorAll('tbody tr').forEach(function (tr) {
          names.push(tr.querySelector('th').textContent);
          values.push(Number(tr.querySelector('td.num').textContent));
        });
        el.textContent = '';
        el.classList.add('on');
        var chart = window.echarts.init(el);
        chart.setOption({
          animation: false, grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
          tooltip: { trigger: 'axis' },
          xAxis: { type: 'value', minInterval: 1 },
          yAxis: { type: 'category', data: names, inverse: true },
          series: [{ type: 'bar', data: values, itemStyle: { color: '#1f6fb2' }, label: { show: true, position: 'right' } }]
        });
        t.closest('.chart-card').classList.add('drawn');
        followResize(el, chart);
        el.setAttribute('data-rendered', '1');
      });
    }).catch(function (e) { console.warn('charts not drawn', e); });
  }

  function miniMap() {
    var el = document.getElementById('minimap');
    if (!el) return;
    var lat = Number(el.getAttribute('data-lat')), lng = Number(el.getAttribute('data-lng'));
    worldMap().then(function (echarts) {
      var chart = echarts.init(el);
      chart.setOption({
        animation: false,
        geo: { map: 'world', roam: true, center: [lng, lat], zoom: 4,
          itemStyle: { areaColor: '#eef1f4', borderColor: '#b8c0c8' }, emphasis: { disabled: true } },
        series: [{ type: 'scatter', coordinateSystem: 'geo', symbolSize: 12, itemStyle: { color: '#b3261e' },
          data: [{ name: el.getAttribute('data-name'), value: [lng, lat] }] }]
      });
      el.setAttribute('data-rendered', '1');
    }).catch(function (e) { console.warn('map not drawn', e); });
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  /* City autocomplete: input[data-autocomplete] + hidden #city_id. */
  function autocomplete(input) {
    /* the hidden city_id of the input's own form (a page may hold several) */
    var hidden = (input.form && input.form.querySelector('input[name="city_id"]')) || document.getElementById('city_id');
    var list = document.createElement('ul');
    var lang = document.documentElement.lang === 'en' ? 'en' : 'zh';
    var timer = null, items = [], active = -1, seq = 0;
    list.className = 'suggest'; list.id = input.id + '-list'; list.setAttribute('role', 'listbox');
    list.hidden = true;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    input.parentNode.appendChild(list);

    function close() { list.hidden = true; input.setAttribute('aria-expanded', 'false'); active = -1; }
    function choose(i) {
      var c = items[i]; if (!c) return;
      input.value = c.name_en + ', ' + c.country.iso2;
      if (hidden) hidden.value = c.id;
      var zh = document.getElementById('city_name_zh');
      if (zh && !zh.value && c.name_zh) zh.value = c.name_zh;
      close();
    }
    function highlight(i) {
      active = i;
      Array.prototype.forEach.call(list.children, function (li, k) {
        li.setAttribute('aria-selected', k === i ? 'true' : 'false');
      });
      if (i >= 0) input.setAttribute('aria-activedescendant', list.children[i].id);
    }
    function render() {
      list.textContent = '';
      items.forEach(function (c, i) {
        var li = document.createElement('li');
        li.id = list.id + '-' + i; li.setAttribute('role', 'option');
        /* The admin-1 name tells namesakes apart: "Springfield, Illinois,
         * US" (label_en), "斯普林菲尔德（美国，伊利诺伊州）" (label_zh). */
        var label = lang === 'zh'
          ? (c.label_zh || c.name_zh || c.name_en) + ' ' + c.name_en
          : (c.label_en || c.name_en) + (c.name_zh ? ' ' + c.name_zh : '');
        li.textContent = label;
        var pop = document.createElement('span');
        pop.className = 'pop'; pop.textContent = c.population.toLocaleString();
        li.appendChild(pop);
        li.addEventListener('mousedown', function (ev) { ev.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
      input.setAttribute('aria-expanded', items.length ? 'true' : 'false');
    }
    input.addEventListener('input', function () {
      if (hidden) hidden.value = '';
      clearTimeout(timer);
      var q = input.value.trim();
      if (!q) { items = []; render(); return; }
      timer = setTimeout(function () {
        var my = ++seq;
        fetch(input.getAttribute('data-autocomplete') + '?limit=8&q=' + encodeURIComponent(q))
          .then(function (r) { return r.ok ? r.json() : { items: [] }; })
          .then(function (d) { if (my === seq) { items = d.items || []; active = -1; render(); } })
          .catch(function () {});
      }, 120);
    });
    input.addEventListener('keydown', function (ev) {
      if (list.hidden) return;
      if (ev.key === 'ArrowDown') { ev.preventDefault(); highlight(Math.min(active + 1, items.length - 1)); }
      else if (ev.key === 'ArrowUp') { ev.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (ev.key === 'Enter' && active >= 0) { ev.preventDefault(); choose(active); }
      else if (ev.key === 'Escape') { close(); }
    });
    input.addEventListener('blur', function () { setTimeout(close, 150); });
  }

  document.addEventListener('DOMContentLoaded', function () {
    dashboardMap();
    charts();
    miniMap();
    document.querySelectorAll('input[data-autocomplete]').forEach(autocomplete);
  });
})();
