from .competitions import CompetitionHonour, CompetitionParticipation, LabourCompetition
from .contests import (
    TITLE_LABELS,
    ContestEdition,
    ContestEntry,
    ContestQuota,
    ContestTrade,
    JudgeScore,
    ScoreCorrection,
)
from .measures import ReformMeasure
from .skills import MentorPair, SkillCertification, SkillLevel
from .training import Attendance, Course, CourseSession, Enrolment

__all__ = [
    "TITLE_LABELS",
    "Attendance",
    "CompetitionHonour",
    "CompetitionParticipation",
    "ContestEdition",
    "ContestEntry",
    "ContestQuota",
    "ContestTrade",
    "Course",
    "CourseSession",
    "Enrolment",
    "JudgeScore",
    "LabourCompetition",
    "MentorPair",
    "ReformMeasure",
    "ScoreCorrection",
    "SkillCertification",
    "SkillLevel",
]
