"""The safety net: an uncaught ValidationError from a view becomes a message and a redirect, not a 500."""
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.test import RequestFactory

from laeringslop.middleware import ValidationErrorMessageMiddleware


def _request(method="post", path="/vurdering/7/2025/?x=1", **headers):
    request = getattr(RequestFactory(), method)(path, **headers)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _middleware():
    return ValidationErrorMessageMiddleware(lambda request: HttpResponse("ok"))


def test_a_post_goes_back_to_the_same_address_with_303_and_every_message():
    request = _request()
    error = ValidationError([ValidationError("Egenvurderingen er levert og låst.", code="locked"),
                             ValidationError("Noe annet.")])
    response = _middleware().process_exception(request, error)
    assert response.status_code == 303 and response["Location"] == "/vurdering/7/2025/?x=1"
    assert [str(m) for m in get_messages(request)] == ["Egenvurderingen er levert og låst.", "Noe annet."]
    assert all(m.level_tag == "error" for m in get_messages(request))


def test_a_field_error_dict_gives_its_messages():
    request = _request()
    response = _middleware().process_exception(request, ValidationError({"title": ["Gi oppgaven en tittel."]}))
    assert response.status_code == 303
    assert [str(m) for m in get_messages(request)] == ["Gi oppgaven en tittel."]


def test_a_get_goes_back_to_the_page_it_came_from_not_round_in_a_loop():
    request = _request("get", HTTP_REFERER="http://testserver/kvalitetsplaner/")
    response = _middleware().process_exception(request, ValidationError("Ikke lov."))
    assert response.status_code == 302 and response["Location"] == "http://testserver/kvalitetsplaner/"
    same = _request("get", path="/x/", HTTP_REFERER="http://testserver/x/")
    assert _middleware().process_exception(same, ValidationError("Ikke lov."))["Location"] == "/"
    home = _request("get", path="/")
    assert _middleware().process_exception(home, ValidationError("Ikke lov.")) is None


def test_other_exceptions_are_left_alone():
    assert _middleware().process_exception(_request(), ValueError("boom")) is None


def test_it_is_installed_after_the_message_middleware(settings):
    names = settings.MIDDLEWARE
    assert names.index("laeringslop.middleware.ValidationErrorMessageMiddleware") > names.index(
        "django.contrib.messages.middleware.MessageMiddleware")
