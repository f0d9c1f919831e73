"""The main menu: each role's entries grouped (Styring, Resultater, Dialogen, Skoleeier), a short
menu kept flat, and no entry its reader cannot open."""
import re

import pytest
from django.urls import reverse

from laeringslop.context_processors import FLAT_UP_TO, menu
from laeringslop.hooks import NAV_GROUPS, NavItem

pytestmark = pytest.mark.django_db


def _menu_html(client, url_name="home") -> str:
    html = client.get(reverse(url_name)).content.decode()
    return html[html.index('<ul class="navbar-nav me-auto main-menu">'):html.index("</ul>\n          <ul")]


def _groups(html: str) -> list[str]:
    return re.findall(r'<button type="button" class="nav-link dropdown-toggle[^"]*"[^>]*>([^<]+)</button>', html)


def test_an_adviser_sees_the_groups_in_their_order(client, world):
    client.force_login(world.users["adviser"])
    assert _groups(_menu_html(client)) == ["Styring", "Resultater", "Dialogen", "Skoleeier"]


def test_home_and_notices_stay_top_level_links(client, world):
    client.force_login(world.users["director"])
    html = _menu_html(client, "dialogue:dashboard")
    assert '<a class="nav-link" href="/">Hjem</a>' in html
    assert re.search(r'<a class="nav-link" href="/varsler/">Varsler', html)


def test_the_current_entry_and_its_group_are_marked(client, world):
    client.force_login(world.users["director"])
    html = client.get(reverse("dialogue:dashboard")).content.decode()
    assert re.search(r'class="nav-link dropdown-toggle active" id="nav-group-results"\s+data-bs-toggle="dropdown" '
                     r'aria-expanded="false" aria-current="true">Resultater<', html)
    assert '<a class="dropdown-item active" href="/dialog/dashbord/" aria-current="page">Dashbord</a>' in html
    assert html.count('aria-current="page"') == 1


def test_a_rectors_menu_is_plain_links(client, world):
    client.force_login(world.users["rector"])
    html = _menu_html(client)
    assert _groups(html) == []
    assert "Kvalitetsplaner" in html and "Læringsspeil" in html


def test_a_rectors_menu_shows_no_entry_they_cannot_open(client, world):
    client.force_login(world.users["rector"])
    items = client.get(reverse("home")).context["nav_items"]
    assert len(items) > 3
    for item in items:
        response = client.get(item.url, follow=True)
        assert response.status_code == 200, (str(item.label), item.url, response.status_code)


def _item(group, order=50, label="x"):
    return NavItem(label, f"/{label}/", order=order, group=group)


def test_a_group_with_one_entry_is_a_plain_link():
    many = [_item("results", order=i, label=f"r{i}") for i in range(FLAT_UP_TO)] + [_item("owner", label="alone")]
    shown = menu(many, None)
    assert [getattr(entry, "is_group", False) for entry in shown] == [True, False]
    assert shown[1].label == "alone"


def test_few_entries_are_shown_flat_in_the_groups_order():
    few = [_item("owner", label="o"), _item("governance", label="g1", order=2), _item("governance", label="g0", order=1),
           NavItem("Home", "/", order=0)]
    assert [entry.label for entry in menu(few, None)] == ["Home", "g0", "g1", "o"]


def test_an_unknown_group_is_refused():
    with pytest.raises(ValueError):
        NavItem("x", "/x/", group="nonsense")


def test_every_group_has_a_norwegian_label():
    from django.utils import translation

    with translation.override("nb"):
        assert [str(group.label) for group in NAV_GROUPS] == ["Styring", "Resultater", "Dialogen", "Skoleeier", "Drift"]
