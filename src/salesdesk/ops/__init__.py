"""Operations on the whole database: backup, restore and the fingerprint that proves a copy true.

`salesdesk backup FILE` copies the live database (SQLite through its online backup API,
PostgreSQL through `pg_dump --format=custom`); `salesdesk restore FILE` puts a copy back into an
empty database. Both print a fingerprint of every table's rows, so a restore drill can show
that what came back is what went out (docs/operations.md).
"""
