"""Inspector: offline-first field inspection of special equipment (特种设备现场监督检查)."""

__version__ = "0.1.0"
