"""The data checks of ``check`` on one distribution's file as the editor holds it (bytes, not a file in a folder):
its rows and columns against the dataset's variables."""

from __future__ import annotations

import tempfile
from pathlib import Path, PurePosixPath

from catalogue.checks.datafiles import check_file
from catalogue.errors import DataFileError, Problem
from catalogue.formats.tableschema import TableSchemaBuilder
from catalogue.model import Catalogue, Dataset
from catalogue.records.tabular import dialect_of, is_tabular
from catalogue.vocab import Vocabulary

UPLOADS = "data"
"""The folder of the records folder where the editor stores uploaded files, one folder per dataset."""


def check_distribution_file(dataset: Dataset, index: int, content: bytes, vocab: Vocabulary,
                            shared: Catalogue) -> list[Problem]:
    """What the data checks find in ``content`` as the file of the dataset's distribution ``index`` (nothing for a
    file that is not a table)."""
    distribution = dataset.distributions[index]
    if not is_tabular(distribution, vocab):
        return []
    builder = TableSchemaBuilder(vocab, shared.shared(), shared.info.default_language,
                                 shared.info.languages)
    with tempfile.TemporaryDirectory(prefix="catalogue-upload-") as folder:
        path = Path(folder) / PurePosixPath(distribution.path or "data.csv").name
        path.write_bytes(content)
        try:
            problems = check_file(path, dataset, builder, dialect_of(distribution, vocab))
        except DataFileError as error:
            problems = [Problem(path.name, error.line, error.column, "", error.message)]
    return [Problem(distribution.path or path.name, p.line, p.column, p.path, p.message, p.severity) for p in problems]
