"""``catalogue build``: the static site, its pages and feeds, incremental builds."""
