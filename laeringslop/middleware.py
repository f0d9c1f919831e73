"""The portal's own middleware."""
import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger(__name__)


class IgnoreBrowserLanguageMiddleware:
    """Show Norwegian Bokmål unless the user has chosen another language.

    Django's LocaleMiddleware would follow the browser's Accept-Language header, so a
    municipal PC set up in English would get English pages. The portal speaks Bokmål by
    default; the language switch (a cookie) is the only way to get English.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class ValidationErrorMessageMiddleware:
    """The safety net for a service's refusal that no view caught (e.g. two presses of "submit" at once).

    An uncaught ``django.core.exceptions.ValidationError`` from a view becomes ``messages.error`` with
    its messages and a redirect instead of a 500: back to the same address after a POST (303, so the
    browser GETs it); after a GET, which would only fail again, to the page it came from (or home). Views should still catch the errors they expect and show them on their forms;
    this only turns the ones they missed into a message. Registered after ``MessageMiddleware``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ValidationError) or not hasattr(request, "_messages"):
            return None
        target = self._back(request)
        if target is None:
            return None  # nowhere safe to go back to: let it be the error it is
        logger.info("Uncaught ValidationError from %s %s: %s", request.method, request.path, exception.messages)
        for message in exception.messages:
            messages.error(request, message)
        response = HttpResponseRedirect(target)
        if request.method not in ("GET", "HEAD"):
            response.status_code = 303  # See Other: the browser follows with a GET, it does not post again
        return response

    @staticmethod
    def _back(request):
        """The same address after a POST; after a GET (which would fail again) the page it came from."""
        here = request.get_full_path()
        if request.method not in ("GET", "HEAD"):
            return here
        referer = request.headers.get("referer", "")
        if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()},
                                                       require_https=request.is_secure()):
            if referer != request.build_absolute_uri(here) and referer != here:
                return referer
        return "/" if request.path != "/" else None
