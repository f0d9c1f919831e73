"""Path converters for URL parts that reach queries as strings."""


class TokenConverter:
    """A secret token as ``secrets.token_urlsafe`` makes it (20–64 URL-safe characters).

    Anything else — a NUL character above all, which PostgreSQL refuses in a query — does not match
    the URL, so it is a 404 before any query runs.
    """

    regex = "[A-Za-z0-9_-]{20,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
