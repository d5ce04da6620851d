"""The CSV files described as a Frictionless Data Package (datapackage.json): each file with its Table
Schema, so that a harvester or a validator reads «2023» and «a.s. 2022/2023» in one column as text, and
the counts as integers."""

from __future__ import annotations

import json

from trasparenza.exports import dcat
from trasparenza.exports.datasets import Dataset

NAME = "datapackage.json"


def resource(dataset: Dataset, segment: str, path: str, plan_label: str) -> dict:
    """One CSV file: ``path`` relative to the package's folder."""
    return {
        "name": f"{segment}-{dataset.id}".lower(),
        "path": path,
        "title": dataset.titolo,
        "description": dataset.descrizione,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "profile": "tabular-data-resource",
        "dialect": {"delimiter": ",", "lineTerminator": "\r\n", "quoteChar": "\"", "header": True},
        "schema": {
            "fields": [{"name": c.nome, "type": c.tipo, "description": c.descrizione} for c in dataset.colonne],
            # An empty cell is a value the plan does not give.
            "missingValues": [""],
        },
        "sources": [{"title": plan_label}],
    }


def package(title: str, codice_ipa: str | None, licence: str, resources: list[dict], homepage: str | None) -> bytes:
    _, licence_doc, licence_name = dcat.LICENCES[licence]
    document = {
        "profile": "tabular-data-package",
        "name": ((codice_ipa or "ente").lower().replace("_", "-") + "-piao-dati").strip("-"),
        "title": title,
        "licenses": [{"name": licence, "path": licence_doc, "title": licence_name}],
        "resources": resources,
    }
    if homepage:
        document["homepage"] = homepage
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
