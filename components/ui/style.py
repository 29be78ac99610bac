"""The page's CSS: the marks in the Arabic sentence, the details card, right-to-left layout."""

from __future__ import annotations

STYLE = """<style>
.tl-sentence {direction: rtl; text-align: right; font-size: 1.15rem; line-height: 2; unicode-bidi: isolate;}
mark.tl-m {border-radius: 3px; padding: 0 2px;}
mark.tl-date {background: #ffe08a;} mark.tl-actor, mark.tl-organisation {background: #cfe6ff;}
mark.tl-place {background: #d5f2d0;} mark.tl-country {background: #f4d9f7;} mark.tl-trigger {background: #ffd2c2;}
.tl-fields th {text-align: start; padding-inline-end: 0.8rem; vertical-align: top; white-space: nowrap;}
.tl-url {font-size: 0.8rem; color: #666; word-break: break-all;}
.tl-nowrap {white-space: nowrap;}
textarea, [data-testid="stTextInput"] input {unicode-bidi: plaintext; text-align: start;}
</style>"""
RTL_STYLE = """<style>
[data-testid="stMain"], [data-testid="stSidebar"] {direction: rtl; text-align: right;}
[data-testid="stPlotlyChart"], [data-testid="stDataFrame"] {direction: ltr;}
</style>"""


def page_style(rtl: bool) -> str:
    """The ``<style>`` blocks of the page; a right-to-left interface keeps charts and the table left-to-right."""
    return STYLE + (RTL_STYLE if rtl else "")
