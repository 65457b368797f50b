from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.utils.http import urlencode


@dataclass
class FilteredPage:
    form: object
    page_obj: Page
    query_string: str
    filtered: bool

    def context(self) -> dict:
        return {
            "form": self.form,
            "page_obj": self.page_obj,
            "query_string": self.query_string,
            "filtered": self.filtered,
        }


def filtered_page(request, form, results, per_page: int) -> FilteredPage:
    """A GET filter form applied to a listing, paged, with the query string for page links.

    Invalid filter values are ignored (the form shows why); `results(filters)` receives
    only the valid ones.
    """
    filters = {}
    if form.is_bound:
        form.is_valid()
        filters = form.cleaned_data
    page_obj = Paginator(results(filters), per_page).get_page(request.GET.get("page"))
    query_string = urlencode(
        [(name, value) for name in form.fields for value in request.GET.getlist(name) if value]
    )
    return FilteredPage(form, page_obj, query_string, any(filters.values()))
