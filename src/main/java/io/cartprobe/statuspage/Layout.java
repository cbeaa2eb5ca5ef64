package io.cartprobe.statuspage;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The shell every page shares: head, header, {@code <main>}, footer, styles and the refresh
 * script. Everything is inline so the page works with no network beyond the agent itself.
 */
final class Layout {

  private Layout() {}

  /** What the header says about the agent. */
  record Header(Map<String, String> labels, String version, Instant generatedAt, Duration refresh) {}

  static String page(String title, Header header, Consumer<Markup> main) {
    Markup m = new Markup();
    m.trusted("<!DOCTYPE html>\n");
    m.open("html", "xmlns", "http://www.w3.org/1999/xhtml", "lang", "en");
    m.open("head");
    m.empty("meta", "charset", "utf-8");
    m.empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1");
    m.empty("meta", "name", "color-scheme", "content", "light dark");
    m.empty("meta", "name", "referrer", "content", "no-referrer");
    m.element("title", title);
    long refreshSeconds = Math.max(1, header.refresh().toSeconds());
    // Without script the browser reloads the whole page instead: flickers, but stays current.
    m.open("noscript").empty("meta", "http-equiv", "refresh", "content",
        Long.toString(refreshSeconds)).close();
    m.open("style").trusted(CSS).close();
    m.close();
    m.open("body", "data-refresh", Long.toString(refreshSeconds));
    m.open("header", "class", "top");
    m.open("a", "class", "brand", "href", "/").text("cartprobe").close();
    for (Map.Entry<String, String> label : header.labels().entrySet()) {
      m.element("span", label.getKey() + "=" + label.getValue(), "class", "label");
    }
    m.element("span", "connection lost: showing the last page received", "class", "stale-note",
        "role", "status");
    m.close();
    m.open("main", "id", "main");
    main.accept(m);
    m.close();
    m.open("footer", "class", "foot");
    m.text("cartprobe " + header.version() + " · generated ");
    m.element("time", Format.time(header.generatedAt(), header.generatedAt()),
        "datetime", header.generatedAt().toString());
    m.text(" · refreshes every " + refreshSeconds + "s · ");
    m.open("a", "href", "/api/status").text("/api/status").close();
    m.text(" · ");
    m.open("a", "href", "/api/history").text("/api/history").close();
    m.text(" · ");
    m.open("a", "href", "/metrics").text("/metrics").close();
    m.close();
    m.open("script").trusted(SCRIPT).close();
    m.close();
    m.close();
    return m.toString();
  }

  /**
   * Fetches the page again and swaps {@code <main>} only when it changed, so nothing flickers
   * and scroll position stays; skips while the tab is hidden and catches up when it shows.
   * Written without {@code <} or {@code &} so the page stays well-formed XML.
   */
  static final String SCRIPT = """
      (function () {
        var body = document.body;
        var every = Number(body.getAttribute('data-refresh')) * 1000;
        var busy = false;
        function refresh() {
          if (document.hidden || busy) { return; }
          busy = true;
          fetch(location.href, { cache: 'no-store', credentials: 'same-origin' })
            .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.text(); })
            .then(function (text) {
              var next = new DOMParser().parseFromString(text, 'text/html');
              var fresh = next.getElementById('main');
              var main = document.getElementById('main');
              if (fresh) {
                if (fresh.innerHTML !== main.innerHTML) { main.innerHTML = fresh.innerHTML; }
                if (next.title !== document.title) { document.title = next.title; }
                body.classList.remove('stale');
              }
            })
            .catch(function () { body.classList.add('stale'); })
            .then(function () { busy = false; });
        }
        setInterval(refresh, every);
        document.addEventListener('visibilitychange', refresh);
      })();
      """;

  static final String CSS = """
      :root {
        --bg: #f6f7f9; --card: #ffffff; --fg: #1b1f24; --muted: #5b6470; --line: #d9dde3;
        --pass: #1a7f37; --pass-bg: #e6f4ea; --warn: #9a6700; --warn-bg: #fff4d6;
        --fail: #c62828; --fail-bg: #fdecea; --mute: #54627a; --mute-bg: #e8ecf3;
        --none: #6b7280; --none-bg: #eef0f2; --spark: #3b6fd8; --code: #f0f2f5;
        --phase-dns: #8e6bd8; --phase-connect: #3b8fd8; --phase-tls: #2aa198;
        --phase-request: #8a9a5b; --phase-ttfb: #d8893b; --phase-transfer: #d84f8e;
      }
      @media (prefers-color-scheme: dark) {
        :root {
          --bg: #0f1216; --card: #171b21; --fg: #e6e9ee; --muted: #9aa4b2; --line: #2a313b;
          --pass: #4cc36b; --pass-bg: #15301e; --warn: #e3b341; --warn-bg: #33290f;
          --fail: #ff6b6b; --fail-bg: #3a1717; --mute: #9fb0cc; --mute-bg: #222a36;
          --none: #9aa1ab; --none-bg: #23272e; --spark: #7aa2f7; --code: #11151a;
        }
      }
      * { box-sizing: border-box; }
      body { margin: 0; background: var(--bg); color: var(--fg);
        font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
      a { color: inherit; }
      code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; }
      .top { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; padding: 10px 16px;
        border-bottom: 1px solid var(--line); background: var(--card); }
      .brand { font-weight: 700; text-decoration: none; margin-right: 8px; }
      .label { font-size: 12px; color: var(--muted); border: 1px solid var(--line); border-radius: 10px; padding: 1px 8px; }
      .stale-note { display: none; margin-left: auto; color: var(--fail); font-weight: 600; font-size: 13px; }
      .stale .stale-note { display: inline; }
      main { padding: 16px; max-width: 1400px; margin: 0 auto; }
      .foot { color: var(--muted); font-size: 12px; padding: 8px 16px 24px; text-align: center; }
      h1 { font-size: 20px; margin: 0 0 4px; }
      h2 { font-size: 16px; margin: 0; }
      h3 { font-size: 14px; margin: 16px 0 6px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
      .overall { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: baseline; margin-bottom: 12px; }
      .counts { display: flex; flex-wrap: wrap; gap: 6px; margin: 0; padding: 0; list-style: none; }
      .reload { font-size: 13px; color: var(--muted); }
      .reload.bad { color: var(--fail); font-weight: 600; }
      .undelivered { border: 1px solid var(--fail); border-radius: 8px; padding: 8px 14px; margin: 0 0 16px; }
      .undelivered h2 { font-size: 15px; margin: 0 0 4px; color: var(--fail); }
      .undelivered ul { margin: 0; padding-left: 18px; font-size: 13px; }
      .config-warning { border: 1px solid var(--fail); border-radius: 8px; padding: 8px 14px; margin: 0 0 16px; font-weight: 600; }
      .badge { display: inline-flex; align-items: center; gap: 4px; border-radius: 4px; padding: 1px 8px;
        font-weight: 600; font-size: 13px; white-space: nowrap; border: 1px solid currentColor; }
      .badge.failing, .st-failing { color: var(--fail); background: var(--fail-bg); }
      .badge.degraded, .st-degraded { color: var(--warn); background: var(--warn-bg); }
      .badge.silenced, .st-silenced { color: var(--mute); background: var(--mute-bg); }
      .badge.no-data, .st-no-data { color: var(--none); background: var(--none-bg); }
      .badge.passing, .st-passing { color: var(--pass); background: var(--pass-bg); }
      .matrix { border-collapse: collapse; margin-bottom: 16px; font-size: 14px; }
      .matrix th, .matrix td { border: 1px solid var(--line); padding: 4px 10px; text-align: left; }
      .matrix td a { text-decoration: none; display: block; }
      .matrix thead th { color: var(--muted); font-weight: 600; }
      .matrix-wrap { overflow-x: auto; }
      .slo-table { border-collapse: collapse; margin-bottom: 16px; font-size: 14px; }
      .slo-table th, .slo-table td { border: 1px solid var(--line); padding: 4px 10px; text-align: left; }
      .slo-table thead th { color: var(--muted); font-weight: 600; }
      .budget.overspent { color: var(--fail); font-weight: 600; }
      .burn { width: 240px; height: 32px; display: block; }
      .burn .one-x { stroke: var(--muted); stroke-dasharray: 3 3; }
      .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 420px), 1fr)); gap: 12px; }
      .card { background: var(--card); border: 1px solid var(--line); border-left: 6px solid var(--none);
        border-radius: 6px; padding: 12px 14px; min-width: 0; }
      .card.failing { border-left-color: var(--fail); }
      .card.degraded { border-left-color: var(--warn); }
      .card.silenced { border-left-color: var(--mute); }
      .card.passing { border-left-color: var(--pass); }
      .card-head { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; margin-bottom: 6px; }
      .card-head h2 a { text-decoration: none; }
      .card-head h2 a:hover { text-decoration: underline; }
      .env { font-weight: 400; color: var(--muted); }
      .type { margin-left: auto; font-size: 12px; color: var(--muted); }
      .why { margin: 6px 0; font-weight: 600; overflow-wrap: anywhere; }
      .why .sep { color: var(--muted); font-weight: 400; }
      .msg { margin: 2px 0 6px; overflow-wrap: anywhere; }
      .since { margin: 2px 0; color: var(--fail); font-size: 13px; }
      .cause { margin: 6px 0; padding: 6px 8px; border-radius: 4px; background: var(--warn-bg); overflow-wrap: anywhere; font-size: 14px; }
      .alerts { list-style: none; margin: 6px 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px; }
      .alerts li { font-size: 12px; font-weight: 600; color: var(--fail); border: 1px solid var(--fail); border-radius: 10px; padding: 0 8px; }
      .silence { margin: 4px 0; color: var(--mute); font-size: 13px; }
      .stats { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 8px 0 4px; font-size: 13px; }
      .stats div { display: flex; gap: 4px; }
      .stats dt { color: var(--muted); }
      .stats dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
      .charts { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; margin-top: 6px; max-width: 720px; }
      .charts figure { margin: 0; }
      .charts figcaption { font-size: 11px; color: var(--muted); }
      svg.spark, svg.strip { width: 100%; height: 32px; display: block; }
      .spark .line { fill: none; stroke: var(--spark); stroke-width: 1.5; }
      .spark .fail-mark { fill: none; stroke: var(--fail); stroke-width: 2; }
      .bar.passing { fill: var(--pass); }
      .bar.degraded { fill: var(--warn); }
      .bar.failing { fill: var(--fail); }
      .change { margin-top: 8px; font-size: 13px; }
      .change summary { cursor: pointer; color: var(--muted); }
      .diff { border-collapse: collapse; margin-top: 4px; }
      .diff td { padding: 2px 4px; vertical-align: top; overflow-wrap: anywhere; }
      .diff del { color: var(--fail); text-decoration: line-through; }
      .diff ins { color: var(--pass); text-decoration: none; font-weight: 600; }
      .trace { font-size: 12px; color: var(--muted); margin-top: 6px; overflow-wrap: anywhere; }
      .empty { color: var(--muted); padding: 24px; text-align: center; background: var(--card); border: 1px dashed var(--line); border-radius: 6px; }
      .back { font-size: 13px; }
      .steps { border-collapse: collapse; width: 100%; background: var(--card); font-size: 14px; }
      .steps th, .steps td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
      .steps th { color: var(--muted); font-weight: 600; font-size: 12px; }
      .steps .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      .steps .url { overflow-wrap: anywhere; font-size: 12px; color: var(--muted); }
      .table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; }
      .phases { width: 180px; }
      svg.phasebar { width: 100%; height: 12px; display: block; background: var(--code); border-radius: 2px; }
      .ph-dns { fill: var(--phase-dns); } .ph-connect { fill: var(--phase-connect); } .ph-tls { fill: var(--phase-tls); }
      .ph-request { fill: var(--phase-request); } .ph-ttfb { fill: var(--phase-ttfb); } .ph-transfer { fill: var(--phase-transfer); }
      .phase-text { font-size: 11px; color: var(--muted); }
      .legend { display: flex; flex-wrap: wrap; gap: 10px; font-size: 12px; color: var(--muted); margin: 6px 0; }
      .legend svg { width: 10px; height: 10px; vertical-align: -1px; }
      .failure-box { background: var(--fail-bg); border: 1px solid var(--fail); border-radius: 6px; padding: 10px 12px; margin: 12px 0; overflow-wrap: anywhere; }
      .failure-box p { margin: 2px 0; }
      pre.excerpt { background: var(--code); border: 1px solid var(--line); border-radius: 4px; padding: 8px; white-space: pre-wrap;
        overflow-wrap: anywhere; max-height: 320px; overflow: auto; margin: 6px 0; }
      .kv { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; font-size: 14px; }
      .kv dt { color: var(--muted); } .kv dd { margin: 0; overflow-wrap: anywhere; }
      .timeline { list-style: none; padding: 0; margin: 0; font-size: 14px; }
      .timeline li { padding: 4px 0; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
      .columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 380px), 1fr)); gap: 16px; }
      @media (max-width: 600px) {
        body { font-size: 14px; }
        main { padding: 10px; }
        .charts { grid-template-columns: 1fr; }
        .phases { width: 110px; }
        .hide-narrow, .counts { display: none; }
      }
      """;
}
