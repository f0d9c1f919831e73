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
