"""Helpers for the browser tests (Playwright driving Debian's Chromium).

Every test's ``page`` (conftest.py) records the Content-Security-Policy violations Chromium
reports, and ``assert_accessible`` fails on any, so a blocked script or style shows up in the
test of the page that has it.
"""
import json

from django.templatetags.static import static

AXE_PATH = "vendor/axe-core/axe.min.js"  # served from our own origin, which the policy allows
PASSWORD = "secret-passord-123"  # the factories' password

# Runs in every document before its own scripts (Playwright's init script, not subject to the policy).
_LISTEN_FOR_VIOLATIONS = """
window.addEventListener("securitypolicyviolation", function (e) {
  console.error("securitypolicyviolation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline")
                + " at " + e.sourceFile + ":" + e.lineNumber);
});
"""


def watch_csp(page) -> list:
    """Collect the policy violations the page reports (console messages), for assert_no_csp_violations."""
    violations = []

    def on_console(message):
        text = message.text
        if "Content Security Policy" in text or "securitypolicyviolation" in text:
            violations.append(f"{page.url}: {text}")

    page.add_init_script(_LISTEN_FOR_VIOLATIONS)
    page.on("console", on_console)
    page.csp_violations = violations
    return violations


def assert_no_csp_violations(page) -> None:
    violations = getattr(page, "csp_violations", None)
    if violations is None:  # a page from a context of the test's own (e.g. bypass_csp=True)
        return
    assert not violations, "Content-Security-Policy violations:\n" + "\n".join(violations)


def login(page, live_server, username: str, password: str = PASSWORD) -> None:
    """Log in through the real login form."""
    page.goto(f"{live_server.url}/konto/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")


def assert_accessible(page) -> None:
    """Run axe-core (WCAG 2.1 A and AA rules) on the current page; fail on serious or critical.
    Fail too on any Content-Security-Policy violation the page has reported."""
    assert_no_csp_violations(page)
    origin = page.evaluate("location.origin")
    page.add_script_tag(url=origin + static(AXE_PATH))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, f"axe-core on {page.url}:\n" + json.dumps(
        [{"id": v["id"], "impact": v["impact"], "help": v["help"],
          "nodes": [n["target"] for n in v["nodes"]][:5]} for v in bad], indent=1, ensure_ascii=False)
    assert_no_csp_violations(page)


def menu_entry(page, name: str, *, exact: bool = False, menu: str = "Hovedmeny"):
    """The main menu's link ``name``, ready to click: on a wide screen an entry in a group
    (Styring, Resultater, …) is hidden until its group is opened, so open the group first."""
    nav = page.get_by_role("navigation", name=menu)
    if not nav.get_by_role("link", name=name, exact=exact, include_hidden=True).is_visible():
        # ``has`` is matched inside each group: a locator from the page, not from the navigation.
        entry = page.get_by_role("link", name=name, exact=exact, include_hidden=True)
        nav.locator("li.nav-group").filter(has=entry).locator("> button").click()
    return nav.get_by_role("link", name=name, exact=exact)
