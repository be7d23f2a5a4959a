"""Discovery: the spiders. Outlet specs live in ``newscrawl/spiders/outlets/``."""
