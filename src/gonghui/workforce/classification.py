"""Data classification of the workforce module (core/classification.py explains the levels)."""

from gonghui.core.classification import INTERNAL, PERSONAL, PUBLIC

CLASSIFICATION = {
    # measures, courses and competitions are the unions' published work
    "workforce.ReformMeasure": {"*": INTERNAL, "title": PUBLIC, "issuing_bodies": PUBLIC},
    "workforce.Course": {"*": INTERNAL},
    "workforce.CourseSession": {"*": INTERNAL},
    "workforce.LabourCompetition": {"*": INTERNAL},
    "workforce.CompetitionParticipation": {"*": INTERNAL, "unit_name": INTERNAL, "team_name": INTERNAL},
    # a person's honour, levels, trainings and contest results are about that person
    "workforce.CompetitionHonour": {"*": INTERNAL, "recipient_name": PERSONAL},
    "workforce.Enrolment": {"*": PERSONAL},
    "workforce.Attendance": {"*": PERSONAL},
    "workforce.SkillCertification": {"*": PERSONAL},
    "workforce.MentorPair": {"*": PERSONAL},
    "workforce.ContestEdition": {"*": INTERNAL},
    "workforce.ContestTrade": {"*": INTERNAL},
    "workforce.ContestQuota": {"*": INTERNAL},
    "workforce.ContestEntry": {"*": PERSONAL},
    "workforce.JudgeScore": {"*": PERSONAL},
    "workforce.ScoreCorrection": {"*": PERSONAL},
}
