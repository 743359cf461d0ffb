from .competitions import CompetitionHonour, CompetitionParticipation, LabourCompetition
from .measures import ReformMeasure
from .skills import MentorPair, SkillCertification, SkillLevel
from .training import Attendance, Course, CourseSession, Enrolment

__all__ = ["Attendance", "CompetitionHonour", "CompetitionParticipation", "Course", "CourseSession", "Enrolment",
           "LabourCompetition", "MentorPair", "ReformMeasure", "SkillCertification", "SkillLevel"]
