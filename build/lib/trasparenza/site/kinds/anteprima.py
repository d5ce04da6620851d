"""The preview's page of errors: it stands in for every page while the data cannot be published."""

from __future__ import annotations

from trasparenza.site.kinds import Kind

KINDS = [Kind("errori", "preview", 10, dates="none")]
