"""The department kinds' own metrics, one module a kind; `build.kind_facts` picks the module."""
