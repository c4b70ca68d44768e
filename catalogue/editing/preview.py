"""Previews for the editor: a record's public page as it will appear once published (in each language), and the
catalogue's public view as of a chosen moment (what will be visible when embargoes lift).

Both are made by the renderer of the public site (``publish.pages.Pages``) with the policy of the public view, so a
preview shows exactly what would be public: confidential variables stay out, restricted data get no download.
A member sees ahead of time only what their own agencies have embargoed.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from catalogue.messages import Message
from catalogue.model import Dataset
from catalogue.publish.pages import Pages
from catalogue.store import Store
from catalogue.store.public import MembersView, PublicRecords
from catalogue.errors import NotReady, Problem
from catalogue.editing.service import Editing


def _page_path(language: str, default: str, relative: str) -> str:
    return f"/{relative}" if language == default else f"/{language}/{relative}"


def as_published(editing: Editing, user: str, dataset_id: str) -> tuple[Dataset | None, list[Problem]]:
    """The dataset being edited as it would be published now (without its embargo), or its errors."""
    opened = editing.open(user, "dataset", dataset_id)
    data = {**opened.data, "status": "published"}
    data.pop("release_time", None)
    record, issues = editing.check("dataset", data, user)
    errors = [issue for issue in issues if issue.is_error]
    return (record if isinstance(record, Dataset) and not errors else None), errors


def dataset_preview(editing: Editing, store: Store, root: Path, user: str, dataset_id: str, language: str,
                    now: datetime) -> tuple[str, str]:
    """The public page of the dataset as it will appear, and the public address it will have."""
    dataset, errors = as_published(editing, user, dataset_id)
    if dataset is None:
        raise NotReady(Message.counted("the record has %(count)s error: fix it to see its public page",
                                       "the record has %(count)s errors: fix them to see its public page",
                                       count=len(errors)))
    records_now = PublicRecords(store, editing.shared(), now)
    site = Pages(records_now.view([dataset], with_related=True), root)
    page = site.page(language)
    if page is None:
        raise NotReady(Message("'%(language)s' is not one of the catalogue's languages", language=language))
    info = editing.shared().info
    return site.dataset_page(page, site.view.datasets[dataset_id]), _page_path(
        language, info.default_language, f"datasets/{dataset_id}/index.html")


def view_preview(editing: Editing, store: Store, root: Path, user: str, as_of: datetime, now: datetime,
                 language: str, number: int) -> tuple[str, str]:
    """A page of the catalogue's public page as of ``as_of``, and its public address."""
    agencies = sorted(editing.roles(user))
    site = Pages(MembersView(store, editing.shared(), as_of, now, agencies).whole(), root)
    page = site.page(language)
    if page is None:
        raise NotReady(Message("'%(language)s' is not one of the catalogue's languages", language=language))
    names = site.catalogue_page_names()
    if not 1 <= number <= len(names):
        raise NotReady(Message.counted("the catalogue page has %(count)s page, not %(number)s",
                                       "the catalogue page has %(count)s pages, not %(number)s", count=len(names),
                                       number=number))
    info = editing.shared().info
    return site.catalogue_page(page, number), _page_path(language, info.default_language, names[number - 1])


def with_banner(html: str, address: str, banner: str) -> str:
    """A public page shown inside the editor: its links resolve as at its public address, and a banner says it is
    a preview (the text is already escaped)."""
    html = html.replace("<head>", f'<head>\n<base href="{address}">', 1)
    start = html.find("<body")
    end = html.find(">", start) + 1
    return html[:end] + f'\n<p class="notice" role="status" id="preview-banner">{banner}</p>' + html[end:]
