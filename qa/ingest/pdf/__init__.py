"""PDF articles read from their layout (pypdfium2): text for the text pipeline plus metadata."""
from qa.ingest.pdf.reader import PdfError, PdfText, read_pdf

__all__ = ["PdfError", "PdfText", "read_pdf"]
