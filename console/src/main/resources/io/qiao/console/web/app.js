// The Qiao console's pages: one page per #hash, each drawn from the JSON API (see the module README) and redrawn
// every few seconds, so numbers refresh without a reload. Every text from the API goes through esc().
(function () {
  'use strict';
  var T = {
    en: {
      overview: 'Overview', apiUsage: 'API usage', deadLetters: 'Dead letters', errors: 'Errors', token: 'Token',
      footer: 'Read-only without the token; replay, purge, reset and reconcile need QIAO_CONSOLE_TOKEN.',
      pipeline: 'Pipeline', status: 'Status', lastRun: 'Last run', lag: 'Checkpoint lag', written24: 'Written (24 h)',
      dead24: 'Dead-lettered (24 h)', open: 'Open dead letters', running: 'Live run', never: 'never', none: 'none',
      checkpoint: 'Checkpoint', runs: 'Runs', totals: 'Totals', lastError: 'Last error', recordsPerSecond: 'records/s',
      deadLettered: 'dead letters', lastReports: 'Last runs', started: 'Started', duration: 'Duration', read: 'Read',
      written: 'Written', reset: 'Reset checkpoint', resetTo: 'Move the checkpoint to (ISO instant)',
      confirmReset: 'Move the checkpoint of {0} to {1}? The next run reads again from there.',
      operation: 'Operation', calls: 'Calls', errorsCol: 'Errors', throttled: 'Throttled', retries: 'Retries',
      callsOverTime: 'Calls over time', reason: 'Reason', count: 'Count', key: 'Key', stage: 'Stage',
      reasons: 'Violations', payload: 'Payload', attempts: 'Attempts', lastSeen: 'Last seen', all: 'all reasons',
      replaySelected: 'Replay selected', replayAll: 'Replay all open', purgeResolved: 'Purge resolved',
      showResolved: 'show resolved', replay: 'Replay', resolved: 'resolved', replayed: 'replayed {0}: {1} resolved, {2} failed again',
      purged: 'deleted {0} resolved dead letter(s)', needToken: 'Enter the console token first (QIAO_CONSOLE_TOKEN).',
      pattern: 'Pattern', source: 'Where', kind: 'Kind', last: 'Last', noErrors: 'No errors in the last 24 hours.',
      noCalls: 'No API calls recorded in the period.', updated: 'updated', byReason: 'By reason', seconds: 's',
      noDeadLetters: 'No dead letters.', entries: 'Entries', reconcile: 'Reconcile', from: 'From', to: 'To',
      run: 'Compare', compared: 'compared', matching: 'match', differences: 'Missing or different',
      reconcileHint: 'Compares source and target over the period (calls the vendor APIs; needs the token).',
      paceAgainstLimit: 'Pace against the rate limit (calls/s)', limit: 'limit', callsPerSecond: 'calls/s'
    },
    zh: {
      overview: '总览', apiUsage: '接口用量', deadLetters: '死信', errors: '错误', token: '令牌',
      footer: '无令牌时只读；重放、清除、重置和对账需要 QIAO_CONSOLE_TOKEN。',
      pipeline: '同步任务', status: '状态', lastRun: '上次运行', lag: '检查点延迟', written24: '写入 (24 小时)',
      dead24: '死信 (24 小时)', open: '未处理死信', running: '运行中', never: '从未', none: '无',
      checkpoint: '检查点', runs: '运行次数', totals: '累计', lastError: '最近错误', recordsPerSecond: '条/秒',
      deadLettered: '死信', lastReports: '最近运行', started: '开始', duration: '耗时', read: '读取',
      written: '写入', reset: '重置检查点', resetTo: '检查点移到 (ISO 时间)',
      confirmReset: '把 {0} 的检查点移到 {1}？下次运行从那里重新读取。',
      operation: '接口', calls: '调用', errorsCol: '错误', throttled: '限流', retries: '重试',
      callsOverTime: '调用趋势', reason: '原因', count: '数量', key: '主键', stage: '阶段',
      reasons: '校验失败项', payload: '数据', attempts: '次数', lastSeen: '最近出现', all: '全部原因',
      replaySelected: '重放所选', replayAll: '全部重放', purgeResolved: '清除已解决',
      showResolved: '显示已解决', replay: '重放', resolved: '已解决', replayed: '重放 {0} 条：{1} 条已解决，{2} 条仍失败',
      purged: '已删除 {0} 条已解决死信', needToken: '请先输入控制台令牌 (QIAO_CONSOLE_TOKEN)。',
      pattern: '模式', source: '位置', kind: '类别', last: '最近', noErrors: '最近 24 小时没有错误。',
      noCalls: '该时段没有接口调用记录。', updated: '更新于', byReason: '按原因', seconds: '秒',
      noDeadLetters: '没有死信。', entries: '明细', reconcile: '对账', from: '从', to: '到',
      run: '对比', compared: '条已对比', matching: '条一致', differences: '缺失或不一致',
      reconcileHint: '对比该时段内源与目标的数据（会调用接口，需要令牌）。',
      paceAgainstLimit: '调用速率与限流额度 (次/秒)', limit: '限额', callsPerSecond: '次/秒'
    }
  };
  var params = new URLSearchParams(location.search);
  var lang = (params.get('lang') || navigator.language || 'en').toLowerCase().indexOf('zh') === 0 ? 'zh' : 'en';
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  function t(k) { var a = arguments; return (T[lang][k] || k).replace(/\{(\d)\}/g, function (_, i) { return a[+i + 1]; }); }
  function esc(s) {
    return s === null || s === undefined ? '' : String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function time(s) { return s ? new Date(s).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB') : t('never'); }
  function lag(sec) {
    if (sec === null || sec === undefined) { return t('none'); }
    return sec < 120 ? sec + ' s' : sec < 7200 ? Math.round(sec / 60) + ' min' : sec < 172800 ? Math.round(sec / 3600) + ' h' : Math.round(sec / 86400) + ' d';
  }
  document.querySelectorAll('[data-i18n]').forEach(function (e) { e.textContent = t(e.getAttribute('data-i18n')); });
  var tokenInput = document.getElementById('token');
  tokenInput.value = sessionStorage.getItem('qiao-token') || '';
  tokenInput.addEventListener('change', function () { sessionStorage.setItem('qiao-token', tokenInput.value); });

  function get(path) {
    return fetch('api/' + path, { headers: { Accept: 'application/json' } }).then(function (r) {
      return r.json().then(function (b) { if (!r.ok) { throw new Error(b.error || r.status); } return b; });
    });
  }
  // A write is a JSON POST with the token in a header: a form on another site can send neither.
  function post(path, body) {
    if (!tokenInput.value) { return Promise.reject(new Error(t('needToken'))); }
    return fetch('api/' + path, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Qiao-Token': tokenInput.value },
      body: JSON.stringify(body || {})
    }).then(function (r) {
      return r.json().then(function (b) { if (!r.ok) { throw new Error(b.error || r.status); } return b; });
    });
  }
  function show(text, isError) {
    var r = document.getElementById('result');
    r.textContent = text;
    r.className = 'show' + (isError ? ' error' : '');
    clearTimeout(show.timer);
    show.timer = setTimeout(function () { r.className = ''; }, 15000);
  }
  var main = document.getElementById('main');
  var charts = {};
  function chart(id) {
    var el = document.getElementById(id);
    if (!el) { return null; }
    if (charts[id] && charts[id].getDom() !== el) { charts[id].dispose(); }
    var c = echarts.getInstanceByDom(el) || echarts.init(el);
    charts[id] = c;
    return c;
  }

  // ---------------------------------------------------------------------------------------------- pages

  function overview() {
    return get('overview').then(function (o) {
      var h = '<h2>' + t('overview') + '</h2><table id="pipelines"><tr><th>' + t('pipeline') + '</th><th>' + t('status') +
        '</th><th>' + t('lastRun') + '</th><th>' + t('lag') + '</th><th class="num">' + t('written24') +
        '</th><th class="num">' + t('dead24') + '</th><th class="num">' + t('open') + '</th><th>' + t('running') + '</th></tr>';
      o.pipelines.forEach(function (p) {
        var s = p.status || {}, c = p.checkpoint, d = p.last24h || {};
        h += '<tr data-pipeline="' + esc(p.name) + '"><td><a href="#pipeline/' + encodeURIComponent(p.name) + '">' + esc(p.name) +
          '</a></td><td class="status status-' + esc(s.lastStatus) + '">' + esc(s.lastStatus || (s.unreadable ? s.unreadable : t('never'))) +
          '</td><td>' + time(s.lastRunAt) + '</td><td class="lag">' + (c && c.unreadable ? esc(c.unreadable) : lag(c ? c.lagSeconds : null)) +
          '</td><td class="num written24h">' + esc(d.written) + '</td><td class="num deadLettered24h">' + esc(d.deadLettered) +
          '</td><td class="num open"><a href="#dead-letters/' + encodeURIComponent(p.name) + '">' +
          esc(typeof p.openDeadLetters === 'number' ? p.openDeadLetters : (p.openDeadLetters || {}).unreadable) + '</a></td><td class="running">' +
          (p.runningBy && typeof p.runningBy === 'string' ? '<span class="live">LIVE</span> ' + esc(p.runningBy) : '') + '</td></tr>';
      });
      main.innerHTML = h + '</table>';
    });
  }

  function pipeline(name) {
    return get('pipelines/' + encodeURIComponent(name)).then(function (p) {
      var s = p.status || {}, c = p.checkpoint;
      var h = '<h2>' + t('pipeline') + ': ' + esc(p.name) + '</h2>' +
        '<table><tr><th>' + t('status') + '</th><td class="status-' + esc(s.lastStatus) + '">' + esc(s.lastStatus || t('never')) + '</td></tr>' +
        '<tr><th>' + t('checkpoint') + '</th><td id="checkpoint">' + (c ? esc(c.watermark) + ' (v' + esc(c.version) + ', ' + lag(c.lagSeconds) + ')' : t('none')) + '</td></tr>' +
        '<tr><th>' + t('totals') + '</th><td>' + esc(s.runs) + ' ' + t('runs') + ', ' + esc(s.totalRead) + ' ' + t('read') + ', ' +
        esc(s.totalWritten) + ' ' + t('written') + ', ' + esc(s.totalDeadLettered) + ' ' + t('deadLettered') + '</td></tr>' +
        '<tr><th>' + t('lastError') + '</th><td>' + esc(s.lastError || t('none')) + '</td></tr></table>' +
        '<div id="runs-chart" class="chart"></div><h2>' + t('lastReports') + '</h2><table><tr><th>' + t('started') +
        '</th><th>' + t('status') + '</th><th class="num">' + t('duration') + '</th><th class="num">' + t('read') +
        '</th><th class="num">' + t('written') + '</th><th class="num">' + t('deadLettered') + '</th><th class="num">' +
        t('recordsPerSecond') + '</th><th>' + t('lastError') + '</th></tr>';
      p.runs.slice(-20).reverse().forEach(function (r) {
        h += '<tr><td>' + time(r.startedAt) + '</td><td class="status-' + esc(r.status) + '">' + esc(r.status) + '</td><td class="num">' +
          (r.millis / 1000).toFixed(1) + ' ' + t('seconds') + '</td><td class="num">' + esc(r.read) + '</td><td class="num">' + esc(r.written) +
          '</td><td class="num">' + esc(r.deadLettered) + '</td><td class="num">' + esc(r.recordsPerSecond) + '</td><td>' + esc(r.error) + '</td></tr>';
      });
      h += '</table><p><label>' + t('resetTo') + ' <input id="reset-at" value="' + esc(c ? c.watermark : '') + '"></label> ' +
        '<button id="reset">' + t('reset') + '</button></p>';
      main.innerHTML = h;
      var ch = chart('runs-chart');
      ch.setOption({
        tooltip: { trigger: 'axis' }, legend: { data: [t('recordsPerSecond'), t('deadLettered')] },
        xAxis: { type: 'time' }, yAxis: [{ type: 'value', name: t('recordsPerSecond') }, { type: 'value', name: t('deadLettered') }],
        series: [
          { name: t('recordsPerSecond'), type: 'line', data: p.runs.map(function (r) { return [r.startedAt, r.recordsPerSecond]; }) },
          { name: t('deadLettered'), type: 'bar', yAxisIndex: 1, data: p.runs.map(function (r) { return [r.startedAt, r.deadLettered]; }) }
        ]
      });
      document.getElementById('reset').onclick = function () {
        var at = document.getElementById('reset-at').value.trim();
        if (!confirm(t('confirmReset', p.name, at))) { return; }
        post('pipelines/' + encodeURIComponent(p.name) + '/reset', { watermark: at })
          .then(function (r) { show(t('checkpoint') + ': ' + r.watermark); render(); })
          .catch(function (e) { show(e.message, true); });
      };
    });
  }

  function apiUsage() {
    return get('api-usage?hours=24').then(function (u) {
      var h = '<h2>' + t('apiUsage') + '</h2><div id="api-chart" class="chart"></div><div id="pace-chart" class="chart"></div><table id="operations"><tr><th>' + t('operation') +
        '</th><th class="num">' + t('calls') + '</th><th class="num">' + t('errorsCol') + '</th><th class="num">' + t('throttled') +
        '</th><th class="num">' + t('retries') + '</th><th class="num">p50 ms</th><th class="num">p95 ms</th><th class="num">p99 ms</th></tr>';
      u.operations.forEach(function (o) {
        h += '<tr data-operation="' + esc(o.operation) + '"><td>' + esc(o.operation) + '</td><td class="num">' + o.calls + '</td><td class="num">' +
          o.errors + '</td><td class="num">' + o.throttled + '</td><td class="num">' + o.retries + '</td><td class="num">' + o.p50Ms +
          '</td><td class="num">' + o.p95Ms + '</td><td class="num">' + o.p99Ms + '</td></tr>';
      });
      main.innerHTML = h + '</table>' + (u.calls === 0 ? '<p>' + t('noCalls') + '</p>' : '');
      var series = u.operations.map(function (o) {
        return { name: o.operation, type: 'bar', stack: 'calls', barMaxWidth: 24, data: u.series.filter(function (b) { return b.operations[o.operation]; })
          .map(function (b) { return [b.at, b.operations[o.operation].calls]; }) };
      });
      series.push({ name: t('errorsCol'), type: 'line', data: u.series.map(function (b) {
        var e = 0; Object.keys(b.operations).forEach(function (k) { e += b.operations[k].errors + b.operations[k].throttled; });
        return [b.at, e];
      }) });
      chart('api-chart').setOption({
        title: { text: t('callsOverTime') + ' (' + u.bucketSeconds / 60 + ' min)', textStyle: { fontSize: 13 } },
        tooltip: { trigger: 'axis' }, legend: { type: 'scroll', top: 22 }, grid: { top: 60 },
        xAxis: { type: 'time', min: u.since, max: new Date().toISOString() }, yAxis: { type: 'value' }, series: series
      }, true);
      // each vendor's pace (calls/s per bucket) as a line, its rate limit as a dashed line at the tightest sustained rate
      var pace = (u.vendors || []).filter(function (v) { return v.pace.length > 0 || v.limitPerSecond !== null; }).map(function (v) {
        var s = { name: v.vendor, type: 'line', step: 'end', showSymbol: true, symbolSize: 6, data: v.pace.map(function (p) { return [p.at, p.perSecond]; }) };
        if (v.limitPerSecond !== null) {
          s.markLine = { symbol: 'none', lineStyle: { type: 'dashed', width: 2 }, data: [{ name: v.vendor + ' ' + t('limit'),
            yAxis: v.limitPerSecond, label: { formatter: v.vendor + ' ' + t('limit') + ' ' + v.limitPerSecond + ' ' + t('callsPerSecond'), position: 'insideEndTop' } }] };
        }
        return s;
      });
      var top = Math.max.apply(null, [0].concat((u.vendors || []).map(function (v) { return Math.max(v.peakPerSecond, v.limitPerSecond || 0); })));
      chart('pace-chart').setOption({
        title: { text: t('paceAgainstLimit'), textStyle: { fontSize: 13 } }, animation: false,
        tooltip: { trigger: 'axis' }, legend: { type: 'scroll', top: 22 }, grid: { top: 60 },
        xAxis: { type: 'time', min: u.since, max: new Date().toISOString() },
        yAxis: { type: 'value', name: t('callsPerSecond'), max: top > 0 ? Math.ceil(top * 1.15 * 100) / 100 : null }, series: pace
      }, true);
    });
  }

  var selectedReason = '';
  var showResolved = false;
  function deadLetters(only) {
    var q = 'dead-letters?' + (only ? 'pipeline=' + encodeURIComponent(only) + '&' : '') + (showResolved ? 'all=true&' : '') +
      (selectedReason ? 'reason=' + encodeURIComponent(selectedReason) : '');
    var checked = {};
    document.querySelectorAll('input.pick:checked').forEach(function (e) { checked[e.value] = true; });
    return get(q).then(function (d) {
      var h = '<h2>' + t('deadLetters') + (only ? ': ' + esc(only) : '') + '</h2><h3>' + t('byReason') + '</h3><table id="reasons"><tr><th>' +
        t('pipeline') + '</th><th>' + t('reason') + '</th><th class="num">' + t('count') + '</th></tr>';
      d.groups.forEach(function (g) {
        h += '<tr class="reason-group"><td>' + esc(g.pipeline) + '</td><td><a href="#" class="filter" data-reason="' + esc(g.reason) + '">' +
          esc(g.reason) + '</a></td><td class="num">' + g.count + '</td></tr>';
      });
      h += '</table><p><label>' + t('reason') + ' <select id="reason-filter"><option value="">' + t('all') + '</option>' +
        d.groups.map(function (g) { return '<option' + (g.reason === selectedReason ? ' selected' : '') + ' value="' + esc(g.reason) + '">' + esc(g.reason) + '</option>'; }).join('') +
        '</select></label> <label><input type="checkbox" id="show-resolved"' + (showResolved ? ' checked' : '') + '> ' + t('showResolved') + '</label> ' +
        '<button id="replay-selected">' + t('replaySelected') + '</button><button id="replay-all">' + t('replayAll') + '</button>' +
        '<button id="purge">' + t('purgeResolved') + '</button></p><h3>' + t('entries') + '</h3><table id="entries"><tr><th></th><th>' +
        t('pipeline') + '</th><th>' + t('key') + '</th><th>' + t('stage') + '</th><th>' + t('reasons') + '</th><th>' + t('payload') +
        '</th><th class="num">' + t('attempts') + '</th><th>' + t('lastSeen') + '</th><th></th></tr>';
      d.entries.forEach(function (e) {
        h += '<tr class="dl' + (e.resolved ? ' resolved' : '') + '" data-id="' + esc(e.id) + '" data-pipeline="' + esc(e.pipeline) + '"><td>' +
          (e.resolved ? '' : '<input type="checkbox" class="pick" value="' + esc(e.pipeline + '\u0000' + e.id) + '"' + (checked[e.pipeline + '\u0000' + e.id] ? ' checked' : '') + '>') +
          '</td><td>' + esc(e.pipeline) + '</td><td class="key">' + esc(e.key) + '</td><td>' + esc(e.stage) + '</td><td class="reasons">' +
          e.reasons.map(esc).join('<br>') + '</td><td><pre>' + esc(e.payload) + '</pre></td><td class="num">' + e.attempts + '</td><td>' +
          time(e.lastSeen) + '</td><td class="state">' + (e.resolved ? t('resolved') : '<button class="replay">' + t('replay') + '</button>') + '</td></tr>';
      });
      main.innerHTML = h + '</table>' + (d.entries.length === 0 ? '<p>' + t('noDeadLetters') + '</p>' : '');
      document.getElementById('reason-filter').onchange = function (ev) { selectedReason = ev.target.value; render(); };
      document.getElementById('show-resolved').onchange = function (ev) { showResolved = ev.target.checked; render(); };
      main.querySelectorAll('a.filter').forEach(function (a) {
        a.onclick = function (ev) { ev.preventDefault(); selectedReason = a.getAttribute('data-reason'); render(); };
      });
      main.querySelectorAll('button.replay').forEach(function (b) {
        b.onclick = function () {
          var row = b.closest('tr');
          replay([[row.getAttribute('data-pipeline'), row.getAttribute('data-id')]]);
        };
      });
      document.getElementById('replay-selected').onclick = function () {
        replay(Array.prototype.map.call(document.querySelectorAll('input.pick:checked'), function (e) { return e.value.split('\u0000'); }));
      };
      document.getElementById('replay-all').onclick = function () {
        var names = {}; d.entries.forEach(function (e) { if (!e.resolved) { names[e.pipeline] = true; } });
        sequence(Object.keys(names).map(function (p) { return function () { return post('pipelines/' + encodeURIComponent(p) + '/replay', {}); }; }), replayed);
      };
      document.getElementById('purge').onclick = function () {
        var names = {}; d.entries.forEach(function (e) { names[e.pipeline] = true; });
        (only ? [only] : Object.keys(names)).forEach(function (p) { names[p] = true; });
        sequence(Object.keys(names).map(function (p) { return function () { return post('pipelines/' + encodeURIComponent(p) + '/purge', {}); }; }),
          function (rs) { show(t('purged', rs.reduce(function (a, r) { return a + r.deleted; }, 0))); render(); });
      };
    });
  }
  function replay(pairs) {
    var byPipeline = {};
    pairs.forEach(function (p) { (byPipeline[p[0]] = byPipeline[p[0]] || []).push(p[1]); });
    sequence(Object.keys(byPipeline).map(function (p) {
      return function () { return post('pipelines/' + encodeURIComponent(p) + '/replay', { ids: byPipeline[p] }); };
    }), replayed);
  }
  function replayed(rs) {
    var attempted = 0, resolved = 0, failed = [];
    rs.forEach(function (r) {
      attempted += r.attempted; resolved += r.resolved.length;
      Object.keys(r.failedAgain).forEach(function (id) { failed.push('#' + id + ': ' + r.failedAgain[id].join('; ')); });
    });
    show(t('replayed', attempted, resolved, failed.length) + (failed.length ? '\n' + failed.join('\n') : ''), failed.length > 0);
    render();
  }
  function sequence(steps, done) {
    var results = [];
    steps.reduce(function (p, step) { return p.then(step).then(function (r) { results.push(r); }); }, Promise.resolve())
      .then(function () { done(results); }).catch(function (e) { show(e.message, true); });
  }

  var lastReconcile = null;
  function reconcile() {
    return get('overview').then(function (o) {
      var now = new Date(), weekAgo = new Date(now.getTime() - 7 * 86400000);
      var prev = lastReconcile || { pipeline: o.pipelines[0].name, from: weekAgo.toISOString(), to: now.toISOString() };
      var h = '<h2>' + t('reconcile') + '</h2><p>' + t('reconcileHint') + '</p><p><select id="reconcile-pipeline">' +
        o.pipelines.map(function (p) { return '<option' + (p.name === prev.pipeline ? ' selected' : '') + '>' + esc(p.name) + '</option>'; }).join('') +
        '</select> <label>' + t('from') + ' <input id="reconcile-from" size="26" value="' + esc(prev.from) + '"></label> <label>' + t('to') +
        ' <input id="reconcile-to" size="26" value="' + esc(prev.to) + '"></label> <button id="reconcile-run">' + t('run') + '</button></p>' +
        '<div id="reconcile-result"></div>';
      main.innerHTML = h;
      if (lastReconcile && lastReconcile.result) { drawReconcile(lastReconcile.result); }
      document.getElementById('reconcile-run').onclick = function () {
        var req = { pipeline: document.getElementById('reconcile-pipeline').value,
          from: document.getElementById('reconcile-from').value.trim(), to: document.getElementById('reconcile-to').value.trim() };
        document.getElementById('reconcile-result').textContent = '…';
        post('pipelines/' + encodeURIComponent(req.pipeline) + '/reconcile', { from: req.from, to: req.to }).then(function (r) {
          req.result = r; lastReconcile = req; drawReconcile(r);
        }).catch(function (e) { document.getElementById('reconcile-result').textContent = ''; show(e.message, true); });
      };
    });
  }
  function drawReconcile(r) {
    document.getElementById('reconcile-result').innerHTML = '<p id="reconcile-summary">' + esc(r.pipeline) + ': ' + r.compared + ' ' +
      t('compared') + ', ' + r.matching + ' ' + t('matching') + '</p><h3>' + t('differences') + ' (' + r.differences.length +
      ')</h3><table id="differences">' + r.differences.map(function (d) { return '<tr><td>' + esc(d) + '</td></tr>'; }).join('') + '</table>';
  }

  function errors() {
    return get('errors?hours=24').then(function (e) {
      var h = '<h2>' + t('errors') + '</h2><table id="error-groups"><tr><th>' + t('kind') + '</th><th>' + t('source') + '</th><th>' +
        t('pattern') + '</th><th class="num">' + t('count') + '</th><th>' + t('last') + '</th></tr>';
      e.groups.forEach(function (g) {
        h += '<tr><td>' + esc(g.kind) + '</td><td>' + esc(g.source) + '</td><td>' + esc(g.pattern) + '</td><td class="num">' + g.count +
          '</td><td>' + time(g.last) + '</td></tr>';
      });
      main.innerHTML = h + '</table>' + (e.groups.length === 0 ? '<p>' + t('noErrors') + '</p>' : '');
    });
  }

  // ---------------------------------------------------------------------------------------------- routing

  function render() {
    var hash = decodeURIComponent(location.hash.replace(/^#/, '')) || 'overview';
    var parts = hash.split('/');
    document.querySelectorAll('nav a').forEach(function (a) { a.classList.toggle('active', a.getAttribute('href') === '#' + parts[0]); });
    var page = parts[0] === 'pipeline' ? pipeline(parts[1]) : parts[0] === 'api' ? apiUsage()
      : parts[0] === 'dead-letters' ? deadLetters(parts[1]) : parts[0] === 'errors' ? errors()
      : parts[0] === 'reconcile' ? reconcile() : overview();
    return page.then(function () {
      document.getElementById('updated').textContent = t('updated') + ' ' + new Date().toLocaleTimeString(lang === 'zh' ? 'zh-CN' : 'en-GB');
      document.body.setAttribute('data-rendered', hash);
    }).catch(function (e) { main.innerHTML = '<p class="error">' + esc(e.message) + '</p>'; });
  }
  window.addEventListener('hashchange', function () {
    Object.keys(charts).forEach(function (k) { charts[k].dispose(); }); charts = {};
    selectedReason = '';
    render();
  });
  window.addEventListener('resize', function () { Object.keys(charts).forEach(function (k) { charts[k].resize(); }); });
  // Redraw every 5 s, except while a field has focus (it would lose what is being typed) and on the reconcile page
  // (a comparison runs only when asked for).
  setInterval(function () {
    var a = document.activeElement;
    if (location.hash.indexOf('#reconcile') !== 0 && (!a || (a.tagName !== 'INPUT' && a.tagName !== 'SELECT'))) { render(); }
  }, 5000);
  render();
}());
