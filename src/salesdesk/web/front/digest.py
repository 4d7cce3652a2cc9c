"""`salesdesk digest`: each rep gets their follow-ups due today and overdue by e-mail."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from salesdesk.records.models import Activity
from salesdesk.web.accounts.models import Role
from salesdesk.web.front.followups import DueLists, due_lists
from salesdesk.web.front.visits import KIND_LABELS


@dataclass
class DigestResult:
    sent: list[str] = field(default_factory=list)  # user names
    nothing_due: list[str] = field(default_factory=list)
    no_email: list[str] = field(default_factory=list)


def rep_users() -> Iterator[AbstractUser]:
    users = (
        get_user_model()
        .objects.filter(is_active=True, profile__role=Role.REP, profile__rep__isnull=False)
        .select_related("profile__rep")
        .order_by("username")
    )
    yield from users


def digest_message(user: AbstractUser, lists: DueLists) -> EmailMessage:
    rep = user.profile.rep  # type: ignore[attr-defined]
    context = {"user": user, "rep": rep, "lists": lists, "kinds": KIND_LABELS}
    subject = _("待跟进提醒 %(day)s：到期 %(today)d，逾期 %(overdue)d") % {
        "day": lists.today.isoformat(),
        "today": len(lists.due_today),
        "overdue": len(lists.overdue),
    }
    body = render_to_string("emails/digest.txt", context)
    return EmailMessage(subject, body, to=[user.email])


def send_digest(day: date, *, lang: str = "zh-hans") -> DigestResult:
    """Send each rep with an e-mail address the follow-ups they must do on `day`."""
    result = DigestResult()
    messages = []
    with translation.override(lang):
        for user in rep_users():
            lists = due_lists(Activity.objects.filter(rep=user.profile.rep), day)  # type: ignore[attr-defined]
            if not lists.to_do:
                result.nothing_due.append(user.username)
            elif not user.email:
                result.no_email.append(user.username)
            else:
                messages.append(digest_message(user, lists))
                result.sent.append(user.username)
    if messages:
        with get_connection() as connection:
            connection.send_messages(messages)
    return result
