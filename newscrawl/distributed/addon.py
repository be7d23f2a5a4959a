"""The scale-out profile, switched on by ``NEWSCRAWL_REDIS_URL``.

Enabled as a Scrapy add-on in the project settings::

    ADDONS = {"newscrawl.distributed.RedisProfile": 0}

With ``NEWSCRAWL_REDIS_URL`` unset (setting or environment variable) it does
nothing. Set, every worker started with it shares through that Redis:

- the request queue and duplicate filter (scrapy-redis, see :mod:`.scheduler`);
- the syndication index (``NEWSCRAWL_SYNDICATION_STORE``);
- the record of collected articles (``NEWSCRAWL_COLLECTED_STORE``).

Each is set at add-on priority, so a ``-s`` flag or a spider's
``custom_settings`` still wins; a store the project settings leave at None
is filled in.
"""

from __future__ import annotations

import importlib.util
import logging

from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings

from newscrawl.incremental.state import redis_url

logger = logging.getLogger(__name__)

SCHEDULER = "newscrawl.distributed.scheduler.RedisScheduler"


def redis_profile(url: str) -> dict[str, str]:
    """The settings of the profile for the Redis at ``url``."""
    return {
        "NEWSCRAWL_REDIS_URL": url,
        "SCHEDULER": SCHEDULER,
        "NEWSCRAWL_SYNDICATION_STORE": url,
        "NEWSCRAWL_COLLECTED_STORE": url,
    }


def apply_redis_profile(settings: BaseSettings, priority: str = "addon") -> bool:
    """Switch ``settings`` to the profile when ``NEWSCRAWL_REDIS_URL`` is set."""
    url = redis_url(settings)
    if not url:
        return False
    # Running without the shared queue would have every worker crawl everything.
    for module, package in (("redis", "redis"), ("scrapy_redis", "scrapy-redis==0.9.1")):
        if importlib.util.find_spec(module) is None:
            raise RuntimeError(
                f"NEWSCRAWL_REDIS_URL is set but {module} is not installed: pip install {package}"
            )
    project = SETTINGS_PRIORITIES["project"]
    for name, value in redis_profile(url).items():
        if settings.get(name) is None and (settings.getpriority(name) or 0) <= project:
            # The project settings declare these stores as None ("choose for
            # me") at project priority, which outranks an add-on's: fill them in.
            settings.set(name, value, priority="project")
        else:
            settings.set(name, value, priority=priority)
    return True


class RedisProfile:
    """Scrapy add-on: :func:`apply_redis_profile`."""

    def update_settings(self, settings: BaseSettings) -> None:
        if apply_redis_profile(settings):
            logger.info("Distributed crawl: queue, filter, syndication and record in Redis")
