"""PDF from HTML for every report in the portal: one place that sets how PDFs are made.

Tagged PDF (pdf_tags): the headings, tables and lists of the HTML become the PDF's structure,
so screen readers can follow a report (universal design applies to documents, not only pages).
"""


def pdf_render(html: str, base_url: str | None = None) -> bytes:
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url).write_pdf(pdf_tags=True)
