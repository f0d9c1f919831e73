"""Access cases for the leader meetings' URLs (walked by laeringslop/tests/test_access_matrix.py).

The world: a coming meeting («Ledermøte Verden») the director and the rector are invited to, with material; a
held one («Styrermøte Verden») the kindergarten head is invited to, with minutes; and the other municipality's
meeting («Fremmed ledermøte»), its rector invited. The staff open every meeting of their municipality, a unit
leader the ones they are invited to (others 404); the director and the advisers plan; another municipality's
meeting is 404.
"""
from laeringslop.tests.access import LOGIN, Case, expect

#: The year's plan and «Mine møter»: the staff and the unit leaders of the municipality (each their own).
PLAN = dict(others=200, no_role=403, other=200, county=403)
#: A meeting of the world that the rector is invited to (the kindergarten head is not).
INVITED_RECTOR = dict(others=404, director=200, adviser=200, administrator=200, rector=200, other=404, county=404)
INVITED_HEAD = dict(others=404, director=200, adviser=200, administrator=200, kindergarten_head=200, other=404,
                    county=404)
#: Changing the rector's meeting: the planners; the administrator and the rector see it but may not (403).
CHANGE = dict(others=404, administrator=403, rector=403, other=404, county=404)
FOREIGN = dict(others=404, other=404, county=404, other_director=200, other_adviser=200, other_rector=200)
#: A POST-only URL asked with GET.
GET_405 = dict(others=405, anonymous=LOGIN, other=405, county=405)


def meetings(w):
    if "leadership" not in w.extra:
        from datetime import timedelta

        from django.core.files.base import ContentFile
        from django.utils import timezone

        from ..models import AgendaItem, AttachmentKind, LeaderMeeting, MeetingAttachment

        now = timezone.now().replace(second=0, microsecond=0)

        def meeting(municipality, title, starts, people, file_kind, file_name):
            created = LeaderMeeting.objects.create(municipality=municipality, kind="school_leaders", title=title,
                                                   starts_at=starts, ends_at=starts + timedelta(hours=2),
                                                   place=f"Rådhuset {title}", target_group="rectors")
            created.participants.set(people)
            AgendaItem.objects.create(meeting=created, position=1, title=f"Punkt {title}")
            body = f"Fil {title}".encode()
            MeetingAttachment.objects.create(meeting=created, kind=file_kind, original_name=file_name, size=len(body),
                                             file=ContentFile(body, name=file_name), uploaded_by=people[0],
                                             content_type="text/plain; charset=utf-8")
            return created

        own = meeting(w.municipality, "Ledermøte Verden", now + timedelta(days=3),
                      [w.user("director"), w.user("rector")], AttachmentKind.MATERIAL, "program-verden.txt")
        held = meeting(w.municipality, "Styrermøte Verden", now - timedelta(days=2),
                       [w.user("kindergarten_head"), w.user("adviser")], AttachmentKind.MINUTES, "referat-verden.txt")
        foreign = meeting(w.other_municipality, "Fremmed ledermøte", now + timedelta(days=3),
                          [w.user("other_rector")], AttachmentKind.MATERIAL, "fremmed.txt")
        w.extra["leadership"] = {"own": own, "held": held, "foreign": foreign,
                                 "year": own.school_year.start}
    return w.extra["leadership"]


def pk(which):
    return lambda w: {"pk": meetings(w)[which].pk}


def file_pk(which):
    return lambda w: {"pk": meetings(w)[which].attachments.get().pk}


def year(w):
    return {"year": meetings(w)["year"]}


STAFF = ("director", "adviser", "administrator")
BOTH = ["Ledermøte Verden"]

CASES = [
    Case("leadership:plan_current", expect(**{**PLAN, "others": 302, "other": 302})),
    Case("leadership:plan", expect(**PLAN), kwargs=year,
         shows={**{r: BOTH for r in (*STAFF, "rector", "kindergarten_head")}, "other_rector": ["Fremmed ledermøte"]}),
    Case("leadership:plan_print", expect(**PLAN), kwargs=year,
         shows={**{r: BOTH for r in STAFF}, "other_director": ["Fremmed ledermøte"]}),
    Case("leadership:plan_pdf", expect(**PLAN), kwargs=year,
         shared="a PDF cannot be read here; what it shows is the print page's (the case above)"),
    Case("leadership:plan_calendar", expect(**PLAN), kwargs=year,
         shows={**{r: BOTH for r in STAFF}, "other_adviser": ["Fremmed ledermøte"]}),
    # «Mine møter»: the meetings the person is invited to, and nobody else's.
    Case("leadership:mine", expect(**PLAN), kwargs=lambda w: meetings(w) and {},
         shows={"rector": ["Ledermøte Verden"], "kindergarten_head": ["Styrermøte Verden", "referat-verden.txt"],
                "director": ["Ledermøte Verden"], "other_rector": ["Fremmed ledermøte"]},
         hides={"rector": ["Styrermøte Verden"], "kindergarten_head": ["Ledermøte Verden"]}),
    Case("leadership:meeting_create", expect(others=403, director=200, adviser=200, other=403, county=403,
                                             other_director=200, other_adviser=200)),
    Case("leadership:meeting_create", expect(others=403, director=200, adviser=200, other=403, county=403,
                                             other_director=200, other_adviser=200), method="post",
         label="post without data"),
    Case("leadership:meeting_detail", expect(**INVITED_RECTOR), kwargs=pk("own"), label="the rector invited",
         shows={r: ["Punkt Ledermøte Verden", "program-verden.txt"] for r in (*STAFF, "rector")}),
    Case("leadership:meeting_detail", expect(**INVITED_HEAD), kwargs=pk("held"), label="the head invited",
         shows={"kindergarten_head": ["referat-verden.txt"]}),
    Case("leadership:meeting_detail", expect(**FOREIGN), kwargs=pk("foreign"), label="another municipality"),
    Case("leadership:meeting_edit", expect(**CHANGE, director=200, adviser=200), kwargs=pk("own")),
    Case("leadership:meeting_edit", expect(**CHANGE, director=200, adviser=200), kwargs=pk("own"), method="post",
         label="post without data"),
    Case("leadership:meeting_edit", expect(**{**FOREIGN, "other_rector": 403}), kwargs=pk("foreign"),
         label="another municipality"),
    Case("leadership:meeting_cancel", expect(**CHANGE, director=302, adviser=302), kwargs=pk("own"), method="post",
         label="post"),
    Case("leadership:meeting_cancel", expect(**GET_405), kwargs=pk("own"), label="get"),
    Case("leadership:meeting_cancel", expect(**{**FOREIGN, "other_director": 302, "other_adviser": 302,
                                                "other_rector": 403}),
         kwargs=pk("foreign"), method="post", label="another municipality"),
    Case("leadership:meeting_attach", expect(**CHANGE, director=302, adviser=302), kwargs=pk("own"), method="post",
         label="post without files"),
    Case("leadership:meeting_attach", expect(**GET_405), kwargs=pk("own"), label="get"),
    Case("leadership:meeting_calendar", expect(**INVITED_RECTOR), kwargs=pk("own"),
         shows={r: ["Punkt Ledermøte Verden"] for r in ("director", "rector")}),
    Case("leadership:meeting_calendar", expect(**FOREIGN), kwargs=pk("foreign"), label="another municipality"),
    # The files: whoever may open the meeting; nobody else learns that they exist.
    Case("leadership:attachment_download", expect(**INVITED_RECTOR), kwargs=file_pk("own"), label="material",
         shows={"rector": ["Fil Ledermøte Verden"]}),
    Case("leadership:attachment_download", expect(**INVITED_HEAD), kwargs=file_pk("held"), label="minutes",
         shows={"kindergarten_head": ["Fil Styrermøte Verden"]}),
    Case("leadership:attachment_download", expect(**FOREIGN), kwargs=file_pk("foreign"), label="another municipality"),
    Case("leadership:attachment_remove", expect(**CHANGE, director=302, adviser=302), kwargs=file_pk("own"),
         method="post", label="post"),
    Case("leadership:attachment_remove", expect(**GET_405), kwargs=file_pk("own"), label="get"),
]
