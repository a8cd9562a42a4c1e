"""The council's settings: region, closure days, titles, contacts and flow folders.

Read from one TOML file, the environment and the command line, each setting with where it
came from.

May import: base, calendar, model, flows.
"""
