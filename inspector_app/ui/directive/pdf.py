"""Showing, printing and saving a PDF the core made, with QtPdf and nothing online.

The bytes shown, printed and saved are exactly those the core returns (for a
directive: the stored, hashed bytes), never a re-rendering.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLabel, QStackedLayout, QWidget

COPIES = 2  # 一式两份: one for the unit, one for the file
PRINT_DPI_CAP = 300  # rendering a page at the printer's 1200 dpi would take ~0.5 GB


def load_document(data: bytes, parent=None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument reading ``data`` through a QBuffer (keep the buffer while the document lives)."""
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument(parent)
    document.load(buffer)
    return document, buffer


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Print every page ``printer.copyCount()`` times; returns the number of sheets sent.

    A printer driver that makes copies itself gets each page once with the copy
    count; otherwise (PDF output, some drivers) the pages are sent again per copy.
    """
    document, _buffer = load_document(data)
    if document.status() != QPdfDocument.Status.Ready:
        raise ValueError("not a readable PDF")
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    printer.setFullPage(True)  # the PDF carries its own margins
    dpi = min(printer.resolution(), PRINT_DPI_CAP)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be opened")
    sheets = 0
    try:
        for copy in range(copies):
            for page in range(document.pageCount()):
                if copy or page:
                    printer.newPage()
                points = document.pagePointSize(page)
                size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
                image = document.render(page, size)
                target = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
                scale = min(target.width() / size.width(), target.height() / size.height())
                painter.drawImage(QRectF(target.x(), target.y(), size.width() * scale,
                                         size.height() * scale), image)
                sheets += 1
    finally:
        painter.end()
    return sheets


def save_pdf(data: bytes, path: str | Path) -> Path:
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        path = path.with_suffix(path.suffix + ".pdf") if path.suffix else path.with_suffix(".pdf")
    path.write_bytes(data)
    return path


class PdfPreview(QWidget):
    """A scrolling, page-width view of one PDF, or a line of text when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data: bytes | None = None
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.view = QPdfView()
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("color: #555; font-size: 13pt; background: #f4f4f4;")
        self.stack = QStackedLayout(self)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self.view)

    def set_pdf(self, data: bytes) -> None:
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer, self.data = buffer, data
        self.stack.setCurrentWidget(self.view)

    def show_text(self, text: str) -> None:
        self.document.close()
        self.data = None
        self.placeholder.setText(text)
        self.stack.setCurrentWidget(self.placeholder)
