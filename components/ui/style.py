"""The page's CSS and its small scripts: the marks in the Arabic text, the details card, the busy
state during a rerun, right-to-left layout (tables shown from their right end), ``lang``/``dir`` on
the page, dates applied on Enter, bringing the opened details into view, and Streamlit's own labels said in
the page's language."""

from __future__ import annotations

import json
from collections.abc import Sequence

from components.ui.i18n import Relabelling

STYLE = """<style>
.tl-sentence {direction: rtl; text-align: right; font-size: 1.1rem; line-height: 2; unicode-bidi: isolate;
  color: #555; max-height: 22rem; overflow-y: auto;}
.tl-current {color: #111; background: #f6f1dc; box-decoration-break: clone; -webkit-box-decoration-break: clone;}
mark.tl-m {border-radius: 3px; padding: 0 2px; color: inherit;}
mark.tl-date {background: #ffe08a;} mark.tl-actor, mark.tl-organisation {background: #cfe6ff;}
mark.tl-place {background: #d5f2d0;} mark.tl-country {background: #f4d9f7;} mark.tl-trigger {background: #ffd2c2;}
.tl-key {font-size: 0.8rem; color: #555;} .tl-key mark {margin-inline-end: 0.2rem;}
.tl-fields th {text-align: start; padding-inline-end: 0.8rem; vertical-align: top; white-space: nowrap;}
.tl-fields ul {margin: 0; padding-inline-start: 1.1rem;}
.tl-url {font-size: 0.8rem; color: #666; word-break: break-all;}
.tl-nowrap {white-space: nowrap;} .tl-note {color: #666; font-size: 0.85rem;}
.tl-badges {margin: 0 0 0.4rem 0;}
.tl-badge {display: inline-block; border-radius: 0.7rem; padding: 0 0.55rem; margin-inline-end: 0.3rem;
  font-size: 0.8rem; background: #eef0f3; color: #333;}
.tl-badge.tl-planned {background: #fff; border: 1.5px dashed #8a6d00; color: #6b5500;}
.tl-badge.tl-background {background: #e8e0f5; color: #4a2f7a;}
.tl-details h4 {margin: 0 0 0.3rem 0; padding: 0;}
[data-testid="stMain"] .block-container {padding-top: 2.2rem;}
[data-testid="stMain"] h1 {font-size: 2rem; padding-bottom: 0.2rem;}
.tl-details:focus {outline: none;}
textarea, [data-testid="stTextInput"] input {unicode-bidi: plaintext; text-align: start;}
[data-testid="stDateInputField"] {direction: ltr;}
[data-testid="stApp"][data-test-script-state="running"] [data-testid="stMain"] .block-container {
  opacity: 0.55; transition: opacity 0.2s ease 0.25s;}
[data-testid="stApp"][data-test-script-state="running"]::after {content: var(--tl-busy); position: fixed; top: 0.7rem;
  left: 50%; transform: translateX(-50%); z-index: 1000100; background: #1f4e79; color: white;
  padding: 0.2rem 0.9rem; border-radius: 1rem; font-size: 0.9rem; box-shadow: 0 1px 4px rgba(0,0,0,.3);}
</style>"""
# Right to left. A segmented control (Map / Relations) is styled for left to right: its first button
# is rounded on the left and the last one's left border is left out (it meets its neighbour's). Laid
# out left to right and mirrored as a whole, it reads from the right with every outer edge drawn; each
# button's content is mirrored back.
RTL_STYLE = """<style>
html[dir="rtl"] [data-testid="stSidebar"][data-collapsed="true"] > * {display: none;}
[data-testid="stMain"], [data-testid="stSidebar"] {direction: rtl; text-align: right;}
[data-testid="stPlotlyChart"], [data-testid="stDataFrame"], [data-testid="stDateInputField"] {direction: ltr;}
[data-testid="stButtonGroup"] [role="radiogroup"] {direction: ltr; transform: scaleX(-1);}
[data-testid="stButtonGroup"] [role="radiogroup"] > button > * {transform: scaleX(-1);}
</style>"""
# An empty date field shows a name for each of its parts (year, month, day) in the interface language:
# the letters of the field's own placeholder are hidden and the names drawn in their place, each part
# isolated so that right-to-left names keep the parts in the field's left-to-right order.
DATE_PARTS = ("year", "month", "day")
DATE_HINT_RULE = (
    '[data-testid="stDateInputField"] [data-placeholder="true"][data-type="%(part)s"]::before {content: %(name)s;}'
)
DATE_HINT_STYLE = """<style>
[data-testid="stDateInputField"] [data-placeholder="true"] {font-size: 0; unicode-bidi: isolate;}
[data-testid="stDateInputField"] [data-placeholder="true"]::before {font-size: 14px;}
%(rules)s
</style>"""

# Runs in the page (st.html with JavaScript): puts lang/dir on <html>, makes Enter apply a typed
# date (Streamlit applies it only when the field loses focus with its calendar closed). The values
# are JSON-encoded constants.
SCRIPT = """<script>
(() => {
  const root = document.documentElement;
  root.lang = %(lang)s; root.dir = %(dir)s;
  root.style.setProperty('--tl-busy', %(busy)s);
  if (!window.__tlEnterApplies) {
    window.__tlEnterApplies = true;
    document.addEventListener('keydown', (event) => {
      const field = event.target.closest && event.target.closest('[data-testid="stDateInputField"]');
      if (event.key !== 'Enter' || !field) return;
      const segment = event.target;
      segment.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', code: 'Escape', bubbles: true}));
      setTimeout(() => segment.blur(), 0);
    }, true);
  }
  if (!window.__tlGridsFromTheRight) {
    // In a right-to-left page the table's first column is its rightmost: show that end first.
    window.__tlGridsFromTheRight = true;
    const toTheRight = () => {
      if (document.documentElement.dir !== 'rtl') return;
      for (const grid of document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller:not([data-tl-end])')) {
        if (grid.scrollWidth <= grid.clientWidth) continue;
        grid.dataset.tlEnd = '1';
        grid.scrollLeft = grid.scrollWidth;
      }
    };
    new MutationObserver(toTheRight).observe(document.body, {childList: true, subtree: true});
    toTheRight();
  }
  if (!window.__tlMapNames) {
    // The map's country names are thinned on the server for a desktop-sized map; on a narrower one
    // (a phone) they are checked again as drawn: a name covering a marker or a name before it is hidden.
    window.__tlMapNames = true;
    const meet = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    const thin = (plot) => {
      const traces = plot.querySelectorAll('.geo .scatterlayer .trace');
      if (traces.length < 2) return;
      const markers = Array.from(plot.querySelectorAll('.geo .scatterlayer .trace path.point'))
        .map(point => point.getBoundingClientRect());
      const kept = [];
      for (const name of traces[0].querySelectorAll('text')) {
        name.style.visibility = '';
        const box = name.getBoundingClientRect();
        if (markers.some(marker => meet(box, marker)) || kept.some(other => meet(box, other))) {
          name.style.visibility = 'hidden';
        } else {
          kept.push(box);
        }
      }
    };
    const watch = () => {
      for (const plot of document.querySelectorAll('.js-plotly-plot')) {
        if (plot.__tlThinned || !plot.on || !plot.querySelector('.geo')) continue;
        plot.__tlThinned = true;
        plot.on('plotly_afterplot', () => thin(plot));
        thin(plot);
      }
    };
    new MutationObserver(watch).observe(document.body, {childList: true, subtree: true});
    watch();
  }
})();
</script>"""
# Brings what was just opened (an event's details, a marker's events) into view and gives it the focus;
# it runs again whenever its target changes (the target is part of the script).
SCROLL_SCRIPT = """<script>
(() => {
  const id = %(event)s;
  const target = id === null ? '.tl-place-list' : `[data-event-id="${CSS.escape(id)}"]`;
  const show = () => {
    const card = document.querySelector(target);
    if (!card) { setTimeout(show, 50); return; }
    card.scrollIntoView({block: 'nearest', behavior: 'instant'});
    card.focus({preventScroll: true});
  };
  show();  // at once: the card is drawn before this script, and the charts redrawn after it must not delay it
})();
</script>"""

# Rings the open event over a chart (an SVG layer of its own above plotly's), where plotly.js draws it: on
# the timeline at its marks, on the map at its places; drawn again after each redraw of the chart (zoom,
# pan, resize, a new chart), so that the chart's figure never changes with the open event. Each chart's
# rings are kept by its key in ``window.__tlRings``: ``points`` are [trace number, point number] of the
# timeline's marks or [longitude, latitude] of the map's places.
RING_SCRIPT = """<script>
(() => {
  window.__tlRings = Object.assign(window.__tlRings || {}, {%(chart)s: {points: %(points)s, radius: %(radius)s,
    colour: %(colour)s}});
  const SVG = 'http://www.w3.org/2000/svg';
  const inside = (x, y, xa, ya) => x >= xa._offset && x <= xa._offset + xa._length
    && y >= ya._offset && y <= ya._offset + ya._length;
  const place = (plot, point) => {  // where a ring goes in the chart's pixels, or null when not shown
    const layout = plot._fullLayout, data = plot._fullData;
    if (layout.geo && layout.geo._subplot) {
      const geo = layout.geo._subplot, xy = geo.projection && geo.projection(point);
      return xy && inside(xy[0], xy[1], geo.xaxis, geo.yaxis) ? xy : null;
    }
    const xa = layout.xaxis, ya = layout.yaxis, marks = data[point[0]];
    if (!xa || !ya || !marks || !marks.x || !marks.y || point[1] >= marks.x.length) return null;
    const x = xa._offset + xa.l2p(xa.d2l(marks.x[point[1]])), y = ya._offset + ya.l2p(ya.d2l(marks.y[point[1]]));
    return inside(x, y, xa, ya) ? [x, y] : null;
  };
  const draw = (plot, chart) => {
    const layout = plot._fullLayout, holder = plot.querySelector('.svg-container'), rings = window.__tlRings[chart];
    if (!layout || !plot._fullData || !holder || !rings) return;
    let layer = holder.querySelector(':scope > svg.tl-ring');
    if (!layer) {
      layer = document.createElementNS(SVG, 'svg');
      layer.setAttribute('class', 'tl-ring');
      layer.style.cssText = 'position: absolute; left: 0; top: 0; pointer-events: none; overflow: visible;';
      holder.appendChild(layer);
    }
    layer.setAttribute('width', layout.width);
    layer.setAttribute('height', layout.height);
    const drawn = [];
    for (const point of rings.points) {
      const xy = place(plot, point);
      if (!xy) continue;
      const ring = document.createElementNS(SVG, 'circle');
      for (const [name, value] of [['cx', xy[0]], ['cy', xy[1]], ['r', rings.radius], ['fill', 'none'],
                                   ['stroke', rings.colour], ['stroke-width', 3]]) ring.setAttribute(name, value);
      drawn.push(ring);
    }
    layer.replaceChildren(...drawn);
  };
  const plots = (chart) => document.querySelectorAll(`.st-key-${chart} .js-plotly-plot`);
  if (!window.__tlRingWatch) {
    window.__tlRingWatch = true;
    const watch = () => {
      for (const chart of Object.keys(window.__tlRings)) {
        for (const plot of plots(chart)) {
          if (plot.__tlRinged || !plot.on) continue;
          plot.__tlRinged = true;
          for (const change of ['plotly_afterplot', 'plotly_relayout', 'plotly_relayouting']) {
            plot.on(change, () => draw(plot, chart));
          }
          draw(plot, chart);
        }
      }
    };
    new MutationObserver(watch).observe(document.body, {childList: true, subtree: true});
  }
  for (const plot of plots(%(chart_name)s)) draw(plot, %(chart_name)s);
})();
</script>"""


# Marks the open event's row of the table (``window.__tlTableRow``: the table's key and the row's number on its
# page, or null) with a band over the data grid, which draws its rows on a canvas: the grid's data stays the
# same when an event opens, so its rows are not sent again. The band follows the grid's scrolling; a click on
# the grid's header (the grid sorts its rows in the browser) takes it away, its row no longer known.
TABLE_ROW_SCRIPT = """<script>
(() => {
  window.__tlTableRow = %(row)s;
  const ROW = %(height)s, HEADER = %(height)s;
  const place = (frame) => {
    const scroller = frame.querySelector('.dvn-scroller');
    let clip = frame.querySelector(':scope > .tl-row-clip');
    const open = window.__tlTableRow;
    const shown = scroller && open && frame.closest(`.st-key-${open.key}`) && !frame.dataset.tlSorted;
    if (!shown) { if (clip) clip.remove(); return; }
    if (!clip) {
      clip = document.createElement('div');
      clip.className = 'tl-row-clip';
      clip.style.cssText = 'position: absolute; overflow: hidden; pointer-events: none; z-index: 2;';
      clip.appendChild(document.createElement('div'));
      frame.style.position = 'relative';
      frame.appendChild(clip);
    }
    clip.style.top = `${scroller.offsetTop + HEADER}px`;
    clip.style.left = `${scroller.offsetLeft}px`;
    clip.style.width = `${scroller.clientWidth}px`;
    clip.style.height = `${Math.max(0, scroller.clientHeight - HEADER)}px`;
    clip.firstChild.style.cssText = `position: absolute; left: 0; right: 0; height: ${ROW}px;
      top: ${open.row * ROW - scroller.scrollTop}px; background: rgba(255, 214, 10, 0.35);
      mix-blend-mode: multiply; box-shadow: inset 0 0 0 2px %(colour)s;`;
  };
  const frames = () => document.querySelectorAll('[data-testid="stDataFrame"]');
  if (!window.__tlTableRowWatch) {
    window.__tlTableRowWatch = true;
    const watch = () => {
      for (const frame of frames()) {
        const scroller = frame.querySelector('.dvn-scroller');
        if (scroller && !scroller.__tlRowWatched) {
          scroller.__tlRowWatched = true;
          scroller.addEventListener('scroll', () => place(frame), {passive: true});
          frame.addEventListener('pointerdown', (event) => {
            const top = scroller.getBoundingClientRect().top;
            if (event.clientY >= top && event.clientY < top + HEADER) { frame.dataset.tlSorted = '1'; place(frame); }
          }, true);
        }
        place(frame);
      }
    };
    new MutationObserver(watch).observe(document.body, {childList: true, subtree: true});
    new ResizeObserver(() => frames().forEach(place)).observe(document.body);
  }
  frames().forEach(place);
})();
</script>"""


def css_string(text: str) -> str:
    """``text`` as a CSS string literal (quotes, backslashes and ``<`` escaped, no line breaks)."""
    return '"' + " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"'


def date_hint_style(names: Sequence[str]) -> str:
    """The style that names the parts of an empty date field with ``names`` (year, month, day)."""
    rules = "\n".join(
        DATE_HINT_RULE % {"part": part, "name": css_string(name)} for part, name in zip(DATE_PARTS, names, strict=True)
    )
    return DATE_HINT_STYLE % {"rules": rules}


def page_style(rtl: bool, date_names: Sequence[str] | None = None) -> str:
    """The ``<style>`` blocks of the page; a right-to-left interface keeps charts, the table and
    date fields left-to-right. ``date_names`` (year, month, day) replace the letters an empty date
    field shows, for an interface whose language does not write them in Latin letters."""
    return STYLE + (RTL_STYLE if rtl else "") + (date_hint_style(date_names) if date_names else "")


RELABEL_SCRIPT = """<script>
(() => {
  // Streamlit's own widgets and the charts' buttons write their labels in English: say them in the page's language.
  window.__tlRelabelling = %(relabelling)s;
  const ATTRIBUTES = ['aria-label', 'data-title', 'placeholder'];  // read aloud, a chart button's tooltip, a hint
  // The widgets whose visible texts are Streamlit's own.
  const OWN_TEXTS = '[data-testid="stFileUploaderDropzone"], [data-testid="stSkipToContent"]';
  const say = (label) => {
    const {whole, starts, ends} = window.__tlRelabelling;
    if (Object.prototype.hasOwnProperty.call(whole, label)) return whole[label];
    for (const [start, other] of starts) if (label.startsWith(start)) return other + label.slice(start.length);
    for (const [end, other] of ends) if (label.endsWith(end)) return label.slice(0, -end.length) + other;
    return label;
  };
  const relabel = () => {
    for (const element of document.querySelectorAll('[aria-label], [data-title], [placeholder]')) {
      for (const name of ATTRIBUTES) {
        const label = element.getAttribute(name);
        if (label && say(label) !== label) element.setAttribute(name, say(label));
      }
    }
    for (const widget of document.querySelectorAll(OWN_TEXTS)) {  // never the events' own words
      const texts = document.createTreeWalker(widget, NodeFilter.SHOW_TEXT);
      while (texts.nextNode()) {
        const node = texts.currentNode, text = node.nodeValue.trim();
        if (text && say(text) !== text) node.nodeValue = node.nodeValue.replace(text, say(text));
      }
    }
  };
  if (!window.__tlRelabels) {
    window.__tlRelabels = true;
    new MutationObserver(relabel).observe(document.body,
      {childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ATTRIBUTES});
  }
  relabel();
})();
</script>"""


def relabel_script(relabelling: Relabelling) -> str:
    """The script that says Streamlit's own labels and texts as ``relabelling`` says, wherever the page
    shows them, now and after every change (``i18n.streamlit_labels``)."""
    data = {"whole": relabelling.whole, "starts": relabelling.starts, "ends": relabelling.ends}
    return RELABEL_SCRIPT % {"relabelling": json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")}


def page_script(lang: str, busy: str) -> str:
    """The script that sets the page's language and direction and applies dates on Enter; ``busy``
    is shown while the page reruns."""
    return SCRIPT % {
        "lang": json.dumps(lang),
        "dir": json.dumps("rtl" if lang == "ar" else "ltr"),
        "busy": json.dumps(json.dumps(busy, ensure_ascii=False), ensure_ascii=False),
    }


def scroll_script(event_id: str | None) -> str:
    """The script that brings the open event's details (or, with ``None``, the list of a map
    marker's events) into view."""
    return SCROLL_SCRIPT % {"event": json.dumps(event_id or None).replace("<", "\\u003c")}


def ring_script(chart_key: str, points: Sequence[Sequence[float]], colour: str, radius: int = 12) -> str:
    """The script that rings ``points`` of the chart keyed ``chart_key``: [trace number, point number] of
    a chart with axes (the timeline), [longitude, latitude] of a map."""
    return RING_SCRIPT % {
        "points": json.dumps([list(point) for point in points]),
        "chart": json.dumps(chart_key),
        "chart_name": json.dumps(chart_key),
        "colour": json.dumps(colour),
        "radius": radius,
    }


def table_row_script(table_key: str, row: int | None, colour: str, height: int) -> str:
    """The script that marks row ``row`` (its number on the page) of the table keyed ``table_key``, or
    no row with ``None``; ``height``: the grid's row height in pixels (its header's too)."""
    mark = {"key": table_key, "row": row} if row is not None else None
    return TABLE_ROW_SCRIPT % {"row": json.dumps(mark), "colour": colour, "height": height}
