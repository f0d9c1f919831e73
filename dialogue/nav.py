from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from laeringslop.hooks import NavItem
from laeringslop.permissions import roles_of


def items(request):
    user = request.user
    result = []
    if user.has_perm("dialogue.view_dashboard"):
        result.append(NavItem(_("Dashboard"), reverse("dialogue:dashboard"), order=20, group="results"))
        result.append(NavItem(_("The year"), reverse("dialogue:year_cycle"), order=10, active_prefix="/dialog/aaret/",
                              group="dialogue"))
        if user.has_perm("dialogue.manage"):
            result.append(NavItem(_("Læringsspeil"), reverse("dialogue:year_list"), order=10,
                                  active_prefix=reverse("dialogue:year_list"), group="results"))
            result.append(NavItem(_("School visits"), reverse("dialogue:visit_overview_current"), order=30,
                                  active_prefix="/dialog/besok/", group="dialogue"))
        result.append(NavItem(_("Kindergartens"), reverse("dialogue:kindergarten_list"), order=30,
                              active_prefix="/dialog/barnehager/", group="results"))
        if roles_of(user).has("adviser"):
            result.append(NavItem(pgettext_lazy("nav", "Tasks"), reverse("dialogue:my_tasks"), order=20,
                                  group="dialogue"))
        return result
    if roles_of(user).has("rector"):
        # A rector leads one school (the first, if several): the link redirects to the newest year.
        school_ids = sorted(roles_of(user).led_unit_ids)
        if school_ids:
            url = reverse("dialogue:mirror_current", kwargs={"school_id": school_ids[0]})
            result.append(NavItem(_("Læringsspeil"), url, order=10, active_prefix="/dialog/speil/", group="results"))
            result.append(NavItem(_("The year"), reverse("dialogue:year_cycle"), order=10, active_prefix="/dialog/aaret/",
                                  group="dialogue"))
            result.append(NavItem(_("School visits"), reverse("dialogue:school_visits",
                                                              kwargs={"school_id": school_ids[0]}), order=30,
                                  group="dialogue"))
    if roles_of(user).has("kindergarten_head"):
        # The kindergarten's own Læringsspeil (the first, if the head leads several): the newest year.
        from laeringslop.models import Unit

        led = list(Unit.objects.kindergartens().filter(pk__in=roles_of(user).led_unit_ids).order_by("pk")
                   .values_list("pk", flat=True)[:1])
        if led:
            result.append(NavItem(_("Læringsspeil"), reverse("dialogue:mirror_current", kwargs={"school_id": led[0]}),
                                  order=10, active_prefix="/dialog/speil/", group="results"))
    return result
