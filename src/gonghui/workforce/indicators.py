"""Figures of the workforce module, registered with core.indicators (imported from WorkforceConfig.ready).

Measures are counted by the day they were issued (withdrawn ones left out); attendances (人次) by the day of the
session; skill-level upgrades by the day certified (one per person, trade and level, a database constraint);
labour competitions on 1 January of their year, participations (人次) with them."""

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gonghui.core.indicators import Aggregation, Indicator, Unit, register_indicator

from .models import (
    Attendance,
    CompetitionHonour,
    CompetitionParticipation,
    ContestEntry,
    ContestTrade,
    Course,
    Enrolment,
    LabourCompetition,
    MentorPair,
    ReformMeasure,
    SkillCertification,
    SkillLevel,
)
from .roles import WORKFORCE_VIEW

FIGURES = [
    ("workforce.measures", _("Reform measures adopted")),
    ("workforce.training_attendances", _("Training attendances")),
    ("workforce.courses_completed", _("Courses completed")),
    ("workforce.training_funding", _("Training funding")),
    ("workforce.upgrades", _("Skill-level upgrades")),
    ("workforce.mentor_pairs", _("Master-apprentice pairs started")),
    ("workforce.competitions", _("Labour competitions")),
    ("workforce.competition_participations", _("Competition participations")),
    ("workforce.honours", _("Competition honours")),
    ("workforce.contest_titles", _("Contest titles")),
]


def _titles(**filters):
    return lambda: ContestEntry.objects.filter(trade__state="published", **filters).exclude(title="")


def register() -> None:
    for indicator in (
        Indicator("workforce.measures", _("Reform measures adopted"),
                  _("Supporting measures of the workforce reform recorded by unions in the subtree, by the day "
                    "they were issued; withdrawn measures are not counted."),
                  Unit.ITEMS, Aggregation.COUNT, WORKFORCE_VIEW,
                  rows=lambda: ReformMeasure.objects.exclude(state=ReformMeasure.State.WITHDRAWN),
                  when="issued_on"),
        Indicator("workforce.training_attendances", _("Training attendances"),
                  _("Attendances (person-times) at sessions of skill-improvement courses run by unions in the "
                    "subtree, by the day of the session; a person counts once per session."),
                  Unit.PERSON_TIMES, Aggregation.COUNT, WORKFORCE_VIEW, rows=lambda: Attendance.objects.all(),
                  org_path="course__org__path", when="day"),
        Indicator("workforce.trainees", _("People trained"),
                  _("Different people who attended at least one session in the window, each once."),
                  Unit.PERSONS, Aggregation.DISTINCT, WORKFORCE_VIEW, rows=lambda: Attendance.objects.all(),
                  org_path="course__org__path", when="day", field="person_id"),
        Indicator("workforce.courses_completed", _("Courses completed"),
                  _("Enrolments marked completed, placed on the last day of their course."),
                  Unit.PERSON_TIMES, Aggregation.COUNT, WORKFORCE_VIEW,
                  rows=lambda: Enrolment.objects.filter(state=Enrolment.State.COMPLETED),
                  org_path="course__org__path", when="course__end_date"),
        Indicator("workforce.training_funding", _("Training funding"),
                  _("The funding of the courses run by unions in the subtree, placed on each course's first day."),
                  Unit.YUAN, Aggregation.SUM, WORKFORCE_VIEW, rows=lambda: Course.objects.all(),
                  when="start_date", field="funding"),
        Indicator("workforce.upgrades", _("Skill-level upgrades"),
                  _("Skill levels gained by members of unions in the subtree, by the day certified; each level of a "
                    "trade counts once per person."),
                  Unit.PERSON_TIMES, Aggregation.COUNT, WORKFORCE_VIEW,
                  rows=lambda: SkillCertification.objects.all(), when="certified_on"),
        Indicator("workforce.mentor_pairs", _("Master-apprentice pairs started"),
                  _("Master-apprentice pairs (师带徒) recorded under the apprentice's union, by the day they started."),
                  Unit.ITEMS, Aggregation.COUNT, WORKFORCE_VIEW, rows=lambda: MentorPair.objects.all(),
                  when="started_on"),
        Indicator("workforce.competitions", _("Labour competitions"),
                  _("Labour competitions run by unions in the subtree, placed on 1 January of their year."),
                  Unit.ITEMS, Aggregation.COUNT, WORKFORCE_VIEW, rows=lambda: LabourCompetition.objects.all(),
                  when="year"),
        Indicator("workforce.competition_participations", _("Competition participations"),
                  _("Participations (person-times) the units and teams brought to the labour competitions, placed "
                    "on 1 January of the competition's year."),
                  Unit.PERSON_TIMES, Aggregation.SUM, WORKFORCE_VIEW,
                  rows=lambda: CompetitionParticipation.objects.all(), org_path="competition__org__path",
                  when="competition__year", field="participants"),
        Indicator("workforce.honours", _("Competition honours"),
                  _("Honours the labour competitions brought to units, teams and persons, by the honour's year."),
                  Unit.ITEMS, Aggregation.COUNT, WORKFORCE_VIEW, rows=lambda: CompetitionHonour.objects.all(),
                  org_path="competition__org__path", when="year"),
        Indicator("workforce.contest_titles", _("Contest titles"),
                  _("Titles (技术状元 and 技术能手) won in the published trades of skills contests run by unions in "
                    "the subtree, placed on 1 January of the edition's year."),
                  Unit.PERSONS, Aggregation.COUNT, WORKFORCE_VIEW, rows=_titles(),
                  org_path="trade__edition__org__path", when="trade__edition__year"),
        Indicator("workforce.contest_champions", _("Technical champions"),
                  _("Contest titles (as “Contest titles”) of 技术状元."),
                  Unit.PERSONS, Aggregation.COUNT, WORKFORCE_VIEW, rows=_titles(title="champion"),
                  org_path="trade__edition__org__path", when="trade__edition__year"),
        Indicator("workforce.contest_experts", _("Technical experts"),
                  _("Contest titles (as “Contest titles”) of 技术能手."),
                  Unit.PERSONS, Aggregation.COUNT, WORKFORCE_VIEW, rows=_titles(title="expert"),
                  org_path="trade__edition__org__path", when="trade__edition__year"),
        Indicator("workforce.contest_trades", _("Contest trades"),
                  _("Trades (工种) of skills-contest editions run by unions in the subtree, on 1 January of the "
                    "edition's year."),
                  Unit.ITEMS, Aggregation.COUNT, WORKFORCE_VIEW, rows=lambda: ContestTrade.objects.all(),
                  org_path="edition__org__path", when="edition__year"),
    ):
        register_indicator(indicator)
    for level, label in SkillLevel.choices:
        register_indicator(Indicator(
            f"workforce.upgrades_level_{level}", format_lazy(_("Upgrades to {level}"), level=label),
            format_lazy(_("Skill-level upgrades (as “Skill-level upgrades”) to the level “{level}”."), level=label),
            Unit.PERSON_TIMES, Aggregation.COUNT, WORKFORCE_VIEW,
            rows=lambda level=level: SkillCertification.objects.filter(level=level), when="certified_on"))
    for value, label in LabourCompetition.Level.choices:
        register_indicator(Indicator(
            f"workforce.competitions_{value}", format_lazy(_("Labour competitions: {level}"), level=label),
            format_lazy(_("Labour competitions (as “Labour competitions”) of the level “{level}”."), level=label),
            Unit.ITEMS, Aggregation.COUNT, WORKFORCE_VIEW,
            rows=lambda value=value: LabourCompetition.objects.filter(level=value), when="year"))
