"""The skills record (技能档案) of a member on the staff member page (core.web.panels, declared in the
manifest): what the user's part of the tree knows of the person."""

from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.core.web.panels import register_member_panel

from .. import selectors


def skills_panel(request, person) -> dict | None:
    record = selectors.skills_record_for(request.user, person)
    if record is None:
        return None
    items = [
        {"label": _("Training attendances"), "value": record["attendances"]},
        {"label": _("Training hours"), "value": record["hours"]},
        {"label": _("Courses completed"), "value": record["completed"]},
    ]
    for cert in record["highest"]:
        items.append({"label": _("Skill level: %(trade)s") % {"trade": cert.trade},
                      "value": f"{cert.get_level_display()} · {cert.certified_on:%Y-%m-%d} · {cert.certifying_body}",
                      "url": reverse("workforce:certification_list") + f"?q={person.name_pinyin}"})
    for honour in record["honours"]:
        items.append({"label": _("Honour"), "value": f"{honour.title} ({honour.year}) · {honour.competition.title}"})
    for pair in record["pairs"]:
        role = _("Master of") if pair.mentor_id == person.pk else _("Apprentice of")
        other = pair.apprentice if pair.mentor_id == person.pk else pair.mentor
        items.append({"label": role, "value": f"{other.name} · {pair.trade} · {pair.get_outcome_display()}"})
    return {"title": _("Skills record"), "items": items}


def register() -> None:
    register_member_panel(skills_panel)
