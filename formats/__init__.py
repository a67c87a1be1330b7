"""Files in the forms people use them, in and out of the data: the workbook and its import
(workbook, spreadsheet), the progress sheet, CSV and JSON exports, plan drafts, and plan
documents as they are written (`formats.plans`, one reader per layout). Heavy files are parsed in
a capped worker process (worker, upload_limits).

Above `models` (the read side) and `workspace` (an import is saved through its one write path),
below the pages and the command line."""
