"""Search of the released datasets: what is indexed of each, how words are folded, and the queries (full text,
facets, paging) the live server answers, on SQLite (FTS5) and PostgreSQL (text search)."""
