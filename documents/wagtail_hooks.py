from wagtail import hooks

from documents.views.serve import document_response


@hooks.register("before_serve_document", order=100)
def serve_library_document(document, request):
    """Runs after Wagtail's own collection privacy check (order 0): privacy, counting, redirect or stream."""
    return document_response(document, request)
