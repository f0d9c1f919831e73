"""Which address a request comes from, for django-axes' lock-out (through django-ipware).

``axes_client_ip_settings(proxies)`` turns the operator's number of reverse proxies in front
of the portal (``AXES_IPWARE_PROXY_COUNT`` in the environment, see docs/operations.md) into
the settings django-axes passes to ``ipware.ip.get_client_ip``.

Each proxy appends the address it received the request from to ``X-Forwarded-For``; the last
proxy is ``REMOTE_ADDR`` itself. So behind *n* proxies the client is the *n*-th entry of the
header counted from the right, and everything to its left was written by the client and may
be forged. django-ipware counts "proxies after the client" inside the header, which is one
fewer than the proxies in front (the last one is not in the header), and its non-strict mode
picks that position from the right whatever the client prepended. Without proxies the header
is ignored: anyone could otherwise send a new address with every attempt and never be locked,
or send a victim's address and lock the victim out.
"""


def axes_client_ip_settings(proxies: int) -> dict:
    if proxies < 0:
        raise ValueError("AXES_IPWARE_PROXY_COUNT must be 0 or more")
    if proxies == 0:
        return {
            "AXES_IPWARE_PROXY_COUNT": None,
            "AXES_IPWARE_META_PRECEDENCE_ORDER": ["REMOTE_ADDR"],
            "IPWARE_STRICT": False,
        }
    return {
        "AXES_IPWARE_PROXY_COUNT": proxies - 1,
        "AXES_IPWARE_PROXY_ORDER": "left-most",
        # Only the header our proxies write; a request without it did not come through them.
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ["HTTP_X_FORWARDED_FOR"],
        # At least that many entries, counted from the right (a client may prepend its own).
        "IPWARE_STRICT": False,
    }
