from .hooks import nav_items
from .permissions import roles_of


def navigation(request):
    """The main menu for the logged-in user, built from each app's ``nav.py``."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "user_roles": None}
    path = request.path
    items = nav_items(request)
    current = None
    for item in items:
        prefix = item.active_prefix or item.url
        if path == item.url or (prefix != "/" and path.startswith(prefix)):
            current = item
    return {"nav_items": items, "nav_current": current, "user_roles": roles_of(user)}
