"""Case study views: the page's own routes (page.py) and the lists of case studies and
lessons (lists.py)."""

from casestudies.views.exports import case_study_export, case_study_export_download
from casestudies.views.lists import community_case_studies, lessons, library_context
from casestudies.views.page import case_study, mark_reviewed

__all__ = [
    "case_study",
    "case_study_export",
    "case_study_export_download",
    "community_case_studies",
    "lessons",
    "library_context",
    "mark_reviewed",
]
