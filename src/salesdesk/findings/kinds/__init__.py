"""Findings that only a department kind's own facts can show, one module a kind."""
