"""Public endpoints: the counting document download and the feedback form."""

import logging

from django.http import HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from wagtail.documents.views import serve as wagtail_serve
from wagtail.models import Page

from analytics import counting, feedback
from analytics.models import Feedback

logger = logging.getLogger("analytics")


def serve_document(request, document_id, document_filename):
    """Wagtail's document view, plus one download counted when the file is actually sent."""
    response = wagtail_serve.serve(request, document_id, document_filename)
    try:
        range_header = request.headers.get("Range", "")
        if (
            request.method == "GET"
            and response.status_code == 200
            # The file itself, not the password or login form of a private collection.
            and (response.streaming or response.has_header("Content-Disposition"))
            and (not range_header or range_header.replace(" ", "").startswith("bytes=0-"))
            and counting.countable(request)
        ):
            counting.record_download(request, document_id, request.GET.get("ik", ""))
    except Exception:
        logger.exception("Counting a download failed; the document was served.")
    return response


def wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@csrf_exempt  # no CSRF cookie for anonymous visitors: same-origin is checked in feedback.py
@require_POST
def submit_feedback(request):
    data = request.POST
    page = None
    try:
        feedback.check_same_origin(request)
        cleaned = feedback.clean(data)
        page = Page.objects.live().public().filter(pk=cleaned["page_id"]).first()
        if page is None:
            raise feedback.FeedbackError(
                "Deze pagina bestaat niet (meer). Je feedback is niet opgeslagen.", 404
            )
        feedback.check_rate(page.pk)
        Feedback.objects.create(
            date=timezone.localdate(),
            page=page,
            useful=cleaned["useful"],
            comment=cleaned["comment"],
        )
    except feedback.FeedbackError as error:
        if page is None:
            page = _page_or_none(data.get("pagina"))
        if wants_json(request):
            return JsonResponse(
                {"ok": False, "message": error.message, "token": feedback.make_token()},
                status=error.status,
            )
        context = {
            "page_for_feedback": page,
            "feedback_error": error.message,
            "feedback_values": {
                "nuttig": data.get("nuttig", ""),
                "opmerking": data.get("opmerking", ""),
            },
        }
        return TemplateResponse(
            request, "analytics/feedback_result.html", context, status=error.status
        )
    message = "Bedankt voor je feedback! We lezen alle reacties."
    if wants_json(request):
        return JsonResponse({"ok": True, "message": message})
    return HttpResponseRedirect(f"{page.url}?feedback=bedankt#feedback", status=303)


def _page_or_none(value):
    try:
        return Page.objects.live().public().filter(pk=int(value)).first()
    except (TypeError, ValueError):
        return None
