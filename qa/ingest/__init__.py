"""Ingestion: corpus text -> cleaned documents -> citation-aware passages and sentences."""

# What a build makes of the same corpus files depends on this code as well as on the settings:
# bump INGEST_VERSION when a change to cleaning, passages, sentences or citations changes the
# output, so every index built before it is stale (it is part of `Settings.index_settings`).
# 2: a period inside parentheses that close later ends no sentence (twelfth session).
# 3: a hanging-indent entry's set-apart last line and author-year lists of one-line entries (thirteenth).
# 4: PDF tables read as a grid and rendered row by row (thirteenth session).
# 5: the notes under a PDF table (paragraphs opening with a marker its cells carry) are the table's (fourteenth).
# 6: a cycle in a PDF page's reading order is broken inside it (a table in one column of two).
# 7: no PDF line is read across a white river down the page (a 1 em gutter, a table's column gap).
# 8: an author line broken into pieces (one taken for figure lettering) is read whole (fifteenth session).
# 13: digits followed by a unit are a quantity, never a superscript citation (eighteenth session).
# 14: a PDF's set-apart abstract ends where the running text's style takes over with no heading
#     (a thematic break); the untitled text after it is the introduction when sections follow (eighteenth).
# 15: a journal name from a PDF's metadata takes the spacing its pages print ("CellReports") (twentieth).
# 17: 16's reading of multi-line bold sub-section headings and page-crossing legends reverted (it
#     cost blind-dev PDF answers; twenty-first session): the text is 15's again.
# 18: a band of smaller type under two columns of running text (a reference list begun at a page's
#     foot) is read after both columns, not between them (twenty-second session).
# 19: author-year mentions without parentheses ("as described by X and Y, 2009") and author-year
#     mentions in a numbered article, read when the reference list holds that first author's work
#     of that year; bracket groups led by 'see' / 'reviewed in' (thirty-first session).
# 20: a single capital before a period followed by an item marker ('activin A. 3) Inhibition', 'B. (D)')
#     ends a sentence: an initial is followed by a name, not a list item (thirty-eighth session).
INGEST_VERSION = 20
