"""A catalogue-wide JSON feed: one document whose one long list holds an item per public dataset.

A format of this family is a module that defines a builder and one ``JsonFeed``, and a row of the formats
registry naming it: the build writes it (each item kept between builds), the server streams it at its path,
``catalogue export NAME`` writes it, and ``catalogue validate`` runs its check on the built file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any, Protocol

from catalogue.formats.jsonstream import STREAMED, stream_json
from catalogue.model import Dataset
from catalogue.policy.view import PublicView
from catalogue.vocab import Vocabulary, vocabulary


class FeedBuilder(Protocol):
    """What makes a feed's document of a view."""

    def catalogue(self, datasets: list[Any] | None = None) -> dict[str, Any]:
        """The document; ``datasets`` in place of the view's items (``STREAMED`` to stream them)."""
        ...


def _no_inputs(view: PublicView) -> tuple[Any, ...]:
    return ()


@dataclass(frozen=True)
class FeedCheck:
    """What a feed's official validator said of a document."""

    validator: str
    """The validator, as a report names it."""
    errors: list[str]


@dataclass(frozen=True)
class JsonFeed:
    """How a catalogue-wide JSON feed is made and checked."""

    builder: Callable[[PublicView, Vocabulary], FeedBuilder]
    item: Callable[[Any, Dataset], Any]
    """A dataset's item, made by the builder (the builder, the dataset)."""
    keep_empty: bool = True
    """Whether the list is written when empty (``false``: left out, key and all, as writers dropping empty values
    do)."""
    item_inputs: Callable[[PublicView], tuple[Any, ...]] = _no_inputs
    """What an item is made from besides its dataset (a build makes an item again when they change)."""
    check: Callable[[Any, Path], FeedCheck] | None = None
    """The official validator on a parsed document, with the standards folder (None: checked elsewhere)."""
    check_name: str = ""
    """The validator, as a report of a missing file names it."""
    closing: Callable[[Any], list[Any]] | None = None
    """The items after the datasets' (DCAT-US: the series' collections), made by the builder of the whole view at
    each build."""

    def stream(self, view: PublicView, batches: Iterable[PublicView] | None = None) -> Iterator[str]:
        """The document's text, one dataset at a time: the datasets of ``batches`` (views of successive parts of
        the catalogue), or else of ``view``; then the ``closing`` items, made from ``view``."""
        vocab = vocabulary()
        whole = self.builder(view, vocab)
        items = (self.item(builder, dataset) for part in (batches if batches is not None else [view])
                 for builder in [self.builder(part, vocab)] for dataset in part.datasets.values())
        closing = self.closing(whole) if self.closing is not None else []
        return stream_json(whole.catalogue(STREAMED), chain(items, closing), self.keep_empty)

    def document(self, view: PublicView) -> dict[str, Any]:
        """The whole document of a view."""
        return self.builder(view, vocabulary()).catalogue()
