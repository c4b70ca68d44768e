"""The tables of the store (SQLAlchemy Core). Alembic migrations in ``migrations/`` create and change them."""

from __future__ import annotations

from sqlalchemy import (Boolean, Column, Date, DateTime, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Table,
                        Text, UniqueConstraint)
from sqlalchemy.dialects.postgresql import TSVECTOR

metadata = MetaData()

records = Table(
    "records", metadata,
    Column("kind", String(32), primary_key=True),
    Column("record_id", String(255), primary_key=True),
    Column("document", Text, nullable=False, doc="The validated record as canonical JSON"),
    Column("revision", Integer, nullable=False, doc="The number of its latest revision"),
    Column("status", String(16), doc="draft | published (datasets)"),
    Column("agency", String(255), doc="The publisher or maintainer"),
    Column("release_time", DateTime(timezone=True), doc="Embargo: not public before (UTC)"),
    Column("modified", Date),
    Column("changed_at", DateTime(timezone=True), nullable=False),
)
"""Every record, as the catalogue holds it now, with the columns queries need."""
Index("ix_records_release", records.c.kind, records.c.status, records.c.release_time)

releases = Table(
    "releases", metadata,
    Column("kind", String(32), primary_key=True),
    Column("release_key", String(300), primary_key=True,
           doc="AGENCY:ID(X.Y.Z): the artefact and its version, however the version was spelt (1.0 is 1.0.0)"),
    Column("record_id", String(255), nullable=False, doc="The record's key when it was first published"),
    Column("document", Text, nullable=False, doc="What it held then: what every later publication must hold"),
    Column("released_at", DateTime(timezone=True), nullable=False),
)
"""Each stable version of a codelist or a concept scheme ever published, as first published: a released version
never changes (``store.released``), even once deleted."""

revisions = Table(
    "revisions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),
    Column("record_id", String(255), nullable=False),
    Column("revision", Integer, nullable=False),
    Column("document", Text, doc="The record after the change; null when the change deleted it"),
    Column("author", String(255), nullable=False),
    Column("message", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("stage", String(16), doc="null: a change of the records (a load, a publication); draft, in_review or "
                                    "approved: a save of a working copy in the editor"),
    UniqueConstraint("kind", "record_id", "revision", name="uq_revision_per_record"),
)
"""Every change of every record: who, when, why, and the record as it became."""
Index("ix_revisions_stage", revisions.c.stage, revisions.c.id)

blobs = Table(
    "blobs", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
)
"""Local files (data files, an office's interface translations), stored once per content."""

files = Table(
    "files", metadata,
    Column("path", String(1024), primary_key=True, doc="Relative to the records folder, with '/'"),
    Column("sha256", String(64), ForeignKey("blobs.sha256"), nullable=False),
)
"""Where each stored file lies in the records folder."""

dataset_files = Table(
    "dataset_files", metadata,
    Column("path", String(1024), primary_key=True, doc="A stored file, relative to the records folder"),
    Column("dataset_id", String(255), primary_key=True, doc="A dataset with a distribution at that path"),
)
"""Which dataset each local file belongs to (so the server finds a file's dataset without reading all)."""

users = Table(
    "users", metadata,
    Column("name", String(255), primary_key=True, doc="The login name"),
    Column("password_hash", Text, doc="argon2id; null for an account that signs in elsewhere (OpenID Connect)"),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
"""Who may sign in to the editor."""

memberships = Table(
    "memberships", metadata,
    Column("user_name", String(255), ForeignKey("users.name"), primary_key=True),
    Column("agency", String(255), primary_key=True),
    Column("role", String(16), nullable=False, doc="viewer | editor | reviewer | publisher | admin"),
)
"""Each account's role in each agency it belongs to."""

sessions = Table(
    "sessions", metadata,
    Column("token_hash", String(64), primary_key=True, doc="SHA-256 of the cookie's token: a copy of the table "
                                                           "opens no session"),
    Column("user_name", String(255), ForeignKey("users.name"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)
"""Signed-in browsers, kept in the store so that every worker knows them."""
Index("ix_sessions_user", sessions.c.user_name)

login_failures = Table(
    "login_failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_name", String(255), nullable=False, doc="The name tried (it may not exist)"),
    Column("failed_at", DateTime(timezone=True), nullable=False),
    Column("source", String(128), nullable=False, server_default="",
           doc="Where from: 'device:<hash>' (a browser that signed in as that user before) or 'address:<ip>'"),
)
"""Failed sign-ins, for throttling."""
Index("ix_login_failures_user", login_failures.c.user_name, login_failures.c.failed_at)
Index("ix_login_failures_source", login_failures.c.user_name, login_failures.c.source, login_failures.c.failed_at)

trusted_devices = Table(
    "trusted_devices", metadata,
    Column("token_hash", String(64), primary_key=True, doc="SHA-256 of the device cookie's token"),
    Column("user_name", String(255), ForeignKey("users.name"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
"""Browsers that signed in as a user before: failures elsewhere never lock them out (OWASP's device cookies)."""
Index("ix_trusted_devices_user", trusted_devices.c.user_name)

api_tokens = Table(
    "api_tokens", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_name", String(255), ForeignKey("users.name"), nullable=False),
    Column("label", String(255), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
"""Tokens for scripts using the JSON API, one account each (only their hash is kept)."""

researchers = Table(
    "researchers", metadata,
    Column("email", String(254), primary_key=True, doc="Lower-cased: the account's name"),
    Column("password_hash", Text, nullable=False, doc="argon2id"),
    Column("name", String(200), nullable=False),
    Column("organisation", String(200), nullable=False),
    Column("country", String(2), nullable=False, doc="ISO 3166-1 alpha-2"),
    Column("orcid", String(19), doc="0000-0002-1825-0097, its check digit checked"),
    Column("language", String(35), nullable=False, doc="The language of its e-mail and pages"),
    Column("confirmed_at", DateTime(timezone=True), doc="When its address was confirmed (none: it cannot sign in)"),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
"""Researchers who apply for restricted data: accounts apart from the editor's (no role, no agency)."""

researcher_tokens = Table(
    "researcher_tokens", metadata,
    Column("token_hash", String(64), primary_key=True, doc="SHA-256 of the token the e-mail's link carries"),
    Column("email", String(254), ForeignKey("researchers.email"), nullable=False),
    Column("purpose", String(16), nullable=False, doc="confirm | reset"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)
"""The one-time links of e-mails: confirming an address, choosing a new password."""
Index("ix_researcher_tokens_email", researcher_tokens.c.email)

researcher_sessions = Table(
    "researcher_sessions", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("email", String(254), ForeignKey("researchers.email"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)
"""Signed-in researchers' browsers (a cookie of their own: a researcher's session opens nothing of the editor)."""
Index("ix_researcher_sessions_email", researcher_sessions.c.email)

researcher_devices = Table(
    "researcher_devices", metadata,
    Column("token_hash", String(64), primary_key=True, doc="SHA-256 of the device cookie's token"),
    Column("email", String(254), ForeignKey("researchers.email"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
"""Browsers that signed in to a researcher's account before: failures elsewhere never lock them out."""
Index("ix_researcher_devices_email", researcher_devices.c.email)

access_requests = Table(
    "access_requests", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("reference", String(24), nullable=False, unique=True,
           doc="How the researcher and the office name it: random, so that one tells nothing of the others"),
    Column("email", String(254), ForeignKey("researchers.email"), nullable=False, doc="The researcher's"),
    Column("dataset_id", String(255), nullable=False),
    Column("agency", String(255), nullable=False, doc="The dataset's publisher when asked: whose approvers decide"),
    Column("terms_id", String(255), nullable=False),
    Column("access_type", String(16), nullable=False, doc="licensed | enclave: as the terms said when asked"),
    Column("state", String(16), nullable=False, doc="submitted | more (asked for more) | approved | denied"),
    Column("questions", Text, nullable=False, doc="JSON: the questions as they were asked"),
    Column("answers", Text, nullable=False, doc="JSON: the answers, by question id"),
    Column("files", Text, nullable=False, doc="JSON: the distributions asked for, by id"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("granted_files", Text, doc="JSON: the distributions an approval grants (of those asked for)"),
    Column("expires_at", DateTime(timezone=True), doc="When an approval ends"),
    Column("max_downloads", Integer, doc="Downloads an approval allows, of all its files together"),
    Column("downloads", Integer, nullable=False, default=0, server_default="0", doc="Downloads made"),
    Column("assignee", String(255), doc="The approver a request was forwarded to"),
)
"""Researchers' applications for restricted data, each for one dataset under its terms of use."""
Index("ix_access_requests_email", access_requests.c.email)
Index("ix_access_requests_agency_state", access_requests.c.agency, access_requests.c.state)
Index("ix_access_requests_open", access_requests.c.email, access_requests.c.dataset_id, unique=True,
      sqlite_where=access_requests.c.state.in_(("submitted", "more")),
      postgresql_where=access_requests.c.state.in_(("submitted", "more")))
"""One open request per researcher and dataset, however many are sent at once."""

access_request_steps = Table(
    "access_request_steps", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("request_id", Integer, ForeignKey("access_requests.id"), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(254), nullable=False, doc="The researcher's address, or the officer's name"),
    Column("action", String(16), nullable=False, doc="submit | resubmit | approve | deny | ask | forward"),
    Column("note", Text, doc="What the step said to the researcher (a reason, what more is asked)"),
)
"""Each step of a request, in order: what its page shows the researcher and the office."""
Index("ix_access_request_steps_request", access_request_steps.c.request_id)

working_copies = Table(
    "working_copies", metadata,
    Column("kind", String(32), primary_key=True),
    Column("record_id", String(255), primary_key=True),
    Column("agency", String(255), nullable=False, doc="The agency whose members may see and change it"),
    Column("document", Text, nullable=False, doc="The record as entered (JSON): it may not be valid yet"),
    Column("stage", String(16), nullable=False, doc="draft | in_review | approved"),
    Column("revision", Integer, nullable=False, doc="The revision of its latest save"),
    Column("base_revision", Integer, doc="The published revision it was opened on; null for a new record"),
    Column("errors", Integer, nullable=False, doc="How many errors its latest save had"),
    Column("updated_by", String(255), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("last_editor", String(255), doc="Who last changed its content (a move of the workflow changes none)"),
)
"""Records being edited in the editor: nothing here reaches a public view until it is published."""
Index("ix_working_copies_agency", working_copies.c.agency)

comments = Table(
    "comments", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),
    Column("record_id", String(255), nullable=False),
    Column("revision", Integer, nullable=False, doc="The revision it was written on"),
    Column("path", String(1024), nullable=False, doc="The field it is about ('' for the whole record)"),
    Column("author", String(255), nullable=False),
    Column("text", Text, nullable=False),
    Column("suggestion", Text, doc="A value the editor can apply in one click (JSON); null for none"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("resolved_by", String(255)),
    Column("resolved_at", DateTime(timezone=True)),
)
"""Reviewers' comments on a field, with an optional suggested value."""
Index("ix_comments_record", comments.c.kind, comments.c.record_id)

audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user_name", String(255), nullable=False),
    Column("agency", String(255), nullable=False),
    Column("action", String(32), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("record_id", String(255), nullable=False),
    Column("revision", Integer),
    Column("detail", Text, nullable=False, default=""),
)
"""Every action of the editor, per agency: who did what to which record, when."""
Index("ix_audit_agency", audit_log.c.agency, audit_log.c.id)

settings = Table(
    "settings", metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
"""The store's own values, such as the secret that names release calendar entries (made by the migration)."""

search_datasets = Table(
    "search_datasets", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True, doc="The row of its words (SQLite: search_text's)"),
    Column("dataset_id", String(255), nullable=False, unique=True),
    Column("release_time", DateTime(timezone=True), doc="Not found before it (UTC): the query says so"),
    Column("modified", Date, doc="0001-01-01 for a dataset without one (last by recency)"),
    Column("shown", Text, nullable=False, doc="What a hit shows (JSON): title, description, publisher, modified"),
    Column("vector", Text().with_variant(TSVECTOR(), "postgresql"),
           doc="PostgreSQL: its words per language's text search configuration (titles weighted A)"),
)
"""The published datasets as search finds them: public parts only (``catalogue.search``); on SQLite their words are
in the FTS5 table ``search_text`` (made by the migration), on PostgreSQL in ``vector``."""
Index("ix_search_release", search_datasets.c.release_time)
Index("ix_search_modified", search_datasets.c.modified.desc(), search_datasets.c.dataset_id)
"""The order of the most recently modified, walked (a search without words need not sort every dataset)."""

search_titles = Table(
    "search_titles", metadata,
    Column("language", String(35), primary_key=True),
    Column("sort_title", String(512), primary_key=True, doc="Its folded title in that language (else the default's)"),
    Column("dataset_id", String(255), primary_key=True),
)
"""Each indexed dataset's title in each of the catalogue's languages, for the order by title."""
Index("ux_search_titles", search_titles.c.dataset_id, search_titles.c.language, unique=True)

search_facets = Table(
    "search_facets", metadata,
    Column("facet", String(32), primary_key=True),
    Column("value", String(512), primary_key=True),
    Column("dataset_id", String(255), primary_key=True),
)
"""Each facet value of each indexed dataset (theme, keyword, publisher, format, licence, access…)."""
Index("ix_search_facets_dataset", search_facets.c.dataset_id)

search_counts = Table(
    "search_counts", metadata,
    Column("facet", String(32), primary_key=True, doc="'' with value '': the number of datasets"),
    Column("value", String(512), primary_key=True),
    Column("n", Integer, nullable=False),
)
"""How many indexed datasets released at ``search_counts_as_of`` hold each facet value: a search with neither words
nor filters (the front page) adds those released since and reads its counts here, without counting every dataset."""
Index("ix_search_counts_top", search_counts.c.facet, search_counts.c.n.desc(), search_counts.c.value)
"""(The migration makes it on PostgreSQL with the values in code point order: ``COLLATE "C"``.)"""

search_counts_as_of = Table(
    "search_counts_as_of", metadata,
    Column("id", Integer, primary_key=True),
    Column("as_of", DateTime(timezone=True), nullable=False, doc="UTC, as release times"),
)
"""The one moment ``search_counts`` counts the datasets released at (moved on by each write of the index)."""

search_uses = Table(
    "search_uses", metadata,
    Column("kind", String(32), primary_key=True),
    Column("record_id", String(255), primary_key=True),
    Column("dataset_id", String(255), primary_key=True),
)
"""The records an indexed dataset's words or facets come from (codelists, concept schemes, terms): when one is
published again, its datasets are indexed again."""
Index("ix_search_uses_dataset", search_uses.c.dataset_id)
