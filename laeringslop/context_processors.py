from dataclasses import dataclass

from .hooks import NAV_GROUPS, NavGroup, NavItem, nav_items
from .permissions import roles_of

#: A reader with at most this many entries besides the top-level ones (Home, Notices) gets them all as
#: plain links: they fit on one line, and each stays one click away (a rector's or a kindergarten head's
#: eight). Beyond it (the director's, the adviser's, the administrator's eleven to thirteen) the entries
#: are grouped, so that the line holds a few groups the reader can scan.
FLAT_UP_TO = 8


@dataclass(frozen=True)
class MenuGroup:
    """A group shown as a disclosure menu: its entries, and whether the current page is one of them."""

    group: NavGroup
    items: tuple[NavItem, ...]
    current: bool

    is_group = True

    @property
    def key(self):
        return self.group.key

    @property
    def label(self):
        return self.group.label


def navigation(request):
    """The main menu for the logged-in user, built from each app's ``nav.py``."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": [], "nav_menu": [], "user_roles": None}
    items = nav_items(request)
    current = current_item(items, request.path)
    return {"nav_items": items, "nav_menu": menu(items, current), "nav_current": current,
            "user_roles": roles_of(user)}


def current_item(items, path):
    """The entry the page belongs to: its own URL, else the one with the longest prefix of the path
    (so «Ny kommune», /fylke/kommuner/ny/, wins over «Fylkets nettverk», /fylke/)."""
    current, longest = None, -1
    for item in items:
        prefix = item.active_prefix or item.url
        if path == item.url:
            return item
        if prefix != "/" and path.startswith(prefix) and len(prefix) > longest:
            current, longest = item, len(prefix)
    return current


def menu(items, current) -> list:
    """The top level of the menu in order: ``NavItem``s (plain links) and ``MenuGroup``s.

    A group the reader has one entry of shows that entry as a plain link in the group's place; so does
    every group when the reader has few entries in all (``FLAT_UP_TO``)."""
    by_group = {group.key: [] for group in NAV_GROUPS}
    slots = []  # (order, tie-break, entry)
    for item in items:
        if item.group:
            by_group[item.group].append(item)
        else:
            slots.append((item.order, 0, item))
    flat = sum(len(entries) for entries in by_group.values()) <= FLAT_UP_TO
    for position, group in enumerate(NAV_GROUPS):
        entries = sorted(by_group[group.key], key=lambda item: item.order)
        if not entries:
            continue
        if flat or len(entries) == 1:
            slots.extend((group.order, 1 + position, item) for item in entries)
        else:
            slots.append((group.order, 1 + position, MenuGroup(group, tuple(entries), current in entries)))
    # Stable sort: a group's entries keep their order when the group is shown flat.
    return [entry for _order, _tie, entry in sorted(slots, key=lambda slot: (slot[0], slot[1]))]
