"""Finding, reading and checking flow files and folders, with every problem's file and line.

`locations` finds flow files (cheap enough for shell completion); `yaml_safe` parses YAML
within limits; `problems` reports one file's problems in plain English; `loader`,
`folders`, `cross_checks` and `route_rules` check routes together; `cache` keeps the
checked result. `schema` and `starter` serve `flows schema` and `flows new`.

May import: base, calendar, model.
"""
