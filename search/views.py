from django.template.response import TemplateResponse

from search import services


def search(request):
    results = services.search(
        query=request.GET.get("q"), user=request.user, page_number=request.GET.get("page")
    )
    return TemplateResponse(request, "search/search.html", {"results": results})
