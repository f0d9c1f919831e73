"""The import pipeline for Udir's files: read (CSV/XLSX) → check every row → write all or nothing.

- :mod:`.reader` opens the file safely and streams its rows,
- :mod:`.values` parses Norwegian numbers, school years and codes,
- :mod:`.formats` knows the columns and rules of each file format,
- :mod:`.writer` writes the checked rows in one transaction (COPY on PostgreSQL),
- :mod:`.pipeline` ties them together; ``indicators.services`` runs it for a job.
"""
