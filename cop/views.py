from django.urls import re_path
from wagtail.documents.views import serve

# Uploaded documents are served with a policy that runs nothing and cannot be framed.
DOCUMENT_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"


def serve_document(request, document_id, document_filename):
    response = serve.serve(request, document_id, document_filename)
    response["Content-Security-Policy"] = DOCUMENT_POLICY
    return response


document_urls = [
    re_path(r"^(\d+)/(.*)$", serve_document, name="wagtaildocs_serve"),
]
