"""Scrapy commands of newscrawl (``COMMANDS_MODULE = "newscrawl.commands"``)."""
