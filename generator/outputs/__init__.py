"""What a build writes: the pages rendered from the model, the pictures and recordings, the site
(MkDocs), the PDF (WeasyPrint, laid out in parts and joined) and a print shop's files; the gate
a young person's copy must pass and the lock; the versions kept of the copies, whose journey an
output belongs to, and the summary each build leaves for the dashboard."""
