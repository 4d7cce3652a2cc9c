"""Import in the browser (managers and admins): upload, check (a dry run), import, result."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from salesdesk.ingest.problems import FileProblem
from salesdesk.records.models import Department
from salesdesk.web.access import User, departments, require_manager
from salesdesk.web.front import imports
from salesdesk.web.front.desk_forms import KIND_LABELS, ConfirmImportForm, UploadForm
from salesdesk.web.front.views import member_required, report_lang


def _departments(user: User) -> QuerySet[Department]:
    require_manager(user)
    return departments(user)


def _chosen(form: UploadForm, choices: QuerySet[Department]) -> Department:
    wanted = form.cleaned_data.get("department")
    return get_object_or_404(choices, pk=wanted) if wanted else choices.get()


@require_http_methods(["GET", "POST"])
@member_required
def import_upload(request: HttpRequest) -> HttpResponse:
    choices = _departments(request.user)
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        departments=choices,
        initial={"kind": request.GET.get("kind", "orders")},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        imports.store(
            request.session,
            d["file"],
            kind=d["kind"],
            department=_chosen(form, choices),
            sheet=d.get("sheet") or "",
            mapping=d.get("mapping"),
            keep_mapping=bool(d.get("keep_mapping")),
        )
        return redirect("front:import_check")
    pending = imports.current(request.session)
    return render(request, "front/import_upload.html", {"form": form, "pending": pending})


def _pending(request: HttpRequest) -> tuple[imports.Upload, Department] | None:
    choices = _departments(request.user)
    upload = imports.current(request.session)
    if upload is None:
        return None
    return upload, get_object_or_404(choices, pk=upload.department_id)


def _reupload_form(upload: imports.Upload, choices: QuerySet[Department]) -> UploadForm:
    """The upload form again, for the corrected file: everything but the file kept as it was."""
    initial = {
        "kind": upload.kind,
        "sheet": upload.sheet,
        "keep_mapping": bool(upload.mapping),
        "department": upload.department_id,
    }
    form = UploadForm(initial=initial, departments=choices)
    for name, field in form.fields.items():
        if name not in ("file", "mapping"):
            field.widget = field.hidden_widget()
    return form


def _check(
    upload: imports.Upload, department: Department, choices: QuerySet[Department]
) -> dict[str, Any]:
    """The preview and the dry run's result, or the problem that stops the file."""
    context: dict[str, Any] = {
        "upload": upload,
        "department": department,
        "kind_label": KIND_LABELS.get(upload.kind, upload.kind),
        "reupload": _reupload_form(upload, choices),
    }
    try:
        context["preview"] = imports.preview(upload, department)
        # skip_bad in a dry run: every bad row named, and what the good rows would change
        context["result"] = imports.run(upload, department, dry_run=True, skip_bad=True)
    except FileProblem as problem:
        context["problem"] = upload.shown(problem.message(report_lang()))
    context["confirm"] = ConfirmImportForm()
    return context


@require_GET
@member_required
def import_check(request: HttpRequest) -> HttpResponse:
    pending = _pending(request)
    if pending is None:
        return redirect("front:import")
    upload, department = pending
    context = _check(upload, department, departments(request.user))
    return render(request, "front/import_check.html", context)


@require_POST
@member_required
def import_run(request: HttpRequest) -> HttpResponse:
    pending = _pending(request)
    if pending is None:
        return redirect("front:import")
    upload, department = pending
    form = ConfirmImportForm(request.POST)
    skip_bad = form.is_valid() and form.cleaned_data["skip_bad"]
    try:
        result = imports.run(upload, department, dry_run=False, skip_bad=skip_bad)
    except FileProblem as problem:
        messages.error(request, upload.shown(problem.message(report_lang())))
        return redirect("front:import_check")
    if result.problems and not skip_bad:
        messages.error(
            request,
            _(
                "文件中有 %(count)s 行有错误，什么都没有导入。请上传改正后的文件，"
                "或勾选“跳过错误行”后再导入。"
            )
            % {"count": result.rejected},
        )
        return redirect("front:import_check")
    request.session[imports.RESULT_KEY] = imports.outcome(upload, department, result)
    imports.discard(request.session)
    return redirect("front:import_done")


@require_GET
@member_required
def import_done(request: HttpRequest) -> HttpResponse:
    _departments(request.user)
    outcome = request.session.get(imports.RESULT_KEY)
    if not outcome:
        return redirect("front:import")
    label = KIND_LABELS.get(outcome["kind"], outcome["kind"])
    return render(request, "front/import_done.html", {"outcome": outcome, "kind_label": label})


@require_POST
@member_required
def import_cancel(request: HttpRequest) -> HttpResponse:
    _departments(request.user)
    imports.discard(request.session)
    messages.info(request, _("已取消这次导入，上传的文件已删除。"))
    return redirect("front:import")
