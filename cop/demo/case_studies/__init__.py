"""Demo case studies, one module per community.

Each record is a plain dict; see `cop.demo.builders.case_study_apply` for how the keys map
onto `CaseStudyPage` fields. Sections use light markup: paragraphs separated by blank lines,
and lines starting with "- " as bulleted lists.
"""

from . import (
    agile_delivery,
    channel_shift,
    cyber_resilience,
    data_sharing,
    digital_engagement,
    digital_inclusion,
    digital_leaders,
    open_data,
)

MODULES = [
    channel_shift,
    digital_engagement,
    open_data,
    digital_inclusion,
    agile_delivery,
    data_sharing,
    digital_leaders,
    cyber_resilience,
]

# community slug -> list of case study records, in the order they are created
CASE_STUDIES_BY_COMMUNITY = {module.COMMUNITY: module.CASE_STUDIES for module in MODULES}
