"""Reports: pick year, scope (department or rep; a rep only themselves), language and format;
preview the HTML in the page, download DOCX, XLSX, Markdown or HTML."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET

from salesdesk.web.access import reach
from salesdesk.web.accounts.models import Role
from salesdesk.web.front.cache import cached_summary
from salesdesk.web.front.desk_forms import ReportForm
from salesdesk.web.front.reports import report_response
from salesdesk.web.front.selection import Selection, select
from salesdesk.web.front.views import member_required, report_lang


def _selection(request: HttpRequest) -> Selection:
    """The scope asked for; a rep asking for anyone else's report gets 404, not their own."""
    r = reach(request.user)
    wanted = request.GET.get("rep", "")
    if r.role == Role.REP and r.rep is not None and wanted not in ("", r.rep.code):
        raise Http404("rep")
    return select(request.user, request.GET, timezone.localdate())


def _choices(request: HttpRequest) -> tuple[str, str]:
    form = ReportForm(request.GET or None, initial={"lang": report_lang()})
    if form.is_bound and not form.is_valid():
        raise Http404("format")
    data = form.cleaned_data if form.is_bound else {}
    return data.get("lang") or report_lang(), data.get("format") or "html"


@require_GET
@member_required
def reports(request: HttpRequest) -> HttpResponse:
    sel = _selection(request)
    lang, fmt = _choices(request)
    context: dict[str, Any] = {
        "sel": sel,
        "form": ReportForm(initial={"lang": lang, "format": fmt}),
        "lang": lang,
        "fmt": fmt,
        "preview": "preview" in request.GET,
        "has_records": cached_summary(sel.department, sel.year, sel.rep_code, lang) is not None,
    }
    return render(request, "front/reports.html", context)


@require_GET
@member_required
@xframe_options_sameorigin
def report_file(request: HttpRequest) -> HttpResponse:
    """The summary file; `inline=1` (HTML only) shows it in the page's preview frame."""
    sel = _selection(request)
    lang, fmt = _choices(request)
    summary = cached_summary(sel.department, sel.year, sel.rep_code, lang)
    if summary is None:
        raise Http404("no records")
    inline = fmt == "html" and request.GET.get("inline") == "1"
    return report_response(summary, fmt, lang, inline=inline)
