"""Working days: UK bank holidays per region, council closure days, and dates a user types.

`working_days` counts deadlines (day 0 is the start), `holiday_table` caches the bank
holidays once per `holidays` release, `regions` names the regions and years, and `dates`
reads a date typed on the command line or in a file.

May import: base.
"""
