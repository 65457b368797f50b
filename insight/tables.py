"""Every table on a dashboard as plain rows, for the CSV downloads.

The downloads use the same figures as the page (the same `Dashboard` sections); cells go
through cop/spreadsheets.py, so text typed by people (searches, titles) is never run as a
formula when the file is opened.
"""

from collections.abc import Callable
from dataclasses import dataclass

from insight.selectors import Dashboard


def _date(value) -> str:
    return value.isoformat() if value else ""


def _members(board: Dashboard):
    yield ["Week starting", "Members joined"]
    for week, joined in board.membership["joined_by_week"]:
        yield [_date(week), joined]


def _views(board: Dashboard):
    yield ["Week starting" if board.views_weekly else "Day", "Page views"]
    for day, views in board.views["by_day"]:
        yield [_date(day), views]


def _most_read(board: Dashboard):
    yield ["Case study", "Address", "Views", "Signed in", "Not signed in"]
    for row in board.most_read:
        yield [row["page"].title, row["url"], row["views"], row["signed_in"], row["anonymous"]]


def _contributors(board: Dashboard):
    yield ["Member", "Case studies published", "Discussion posts", "Comments"]
    for row in board.contributors["top"]:
        name = row["person"].display_name if row["person"] else "Former member"
        yield [name, row["case_studies"], row["discussion_posts"], row["comments"]]


def _themes(board: Dashboard):
    yield ["Theme", "Followers", "New followers in the period"]
    for row in board.themes:
        yield [row["theme"].name, row["followers"], row["new"]]


def _searches(board: Dashboard):
    yield ["Search", "Times searched", "Times it found nothing", "Last searched"]
    for row in board.top_searches:
        yield [row.query, row.searches, row.zero_results, _date(row.last_searched)]


def _zero_results(board: Dashboard):
    header = ["Search", "Times searched", "Last searched"]
    if board.scope.site_wide:
        header.append("Community")
    yield header
    for row in board.zero_result_searches:
        cells = [row.query, row.searches, _date(row.last_searched)]
        if board.scope.site_wide:
            cells.append(row.community.title if row.community else "Whole site")
        yield cells


def _overdue(board: Dashboard):
    yield ["Case study", "Review by", "Review owner"]
    for page in board.overdue["rows"]:
        owner = page.review_owner.display_name if page.review_owner else ""
        yield [page.title, _date(page.review_by), owner]


def _unanswered(board: Dashboard):
    header = ["Question", "Asked", "Replies"]
    if board.scope.site_wide:
        header.append("Community")
    yield header
    for discussion in board.unanswered["rows"]:
        cells = [discussion.title, _date(discussion.created_at), discussion.replies]
        if board.scope.site_wide:
            cells.append(discussion.community.title)
        yield cells


@dataclass(frozen=True)
class Table:
    title: str
    rows: Callable


TABLES = {
    "members-joined": Table("Members joined per week", _members),
    "page-views": Table("Page views", _views),
    "most-read": Table("Most read case studies", _most_read),
    "contributors": Table("Active contributors", _contributors),
    "themes": Table("Most followed themes", _themes),
    "searches": Table("Top searches", _searches),
    "no-results": Table("Searches with no results", _zero_results),
    "overdue": Table("Case studies overdue for review", _overdue),
    "unanswered": Table("Unanswered questions", _unanswered),
}
