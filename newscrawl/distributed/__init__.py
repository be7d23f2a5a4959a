"""Scale-out: many workers crawl one site together through Redis.

Switched on by ``NEWSCRAWL_REDIS_URL`` through the :class:`RedisProfile`
add-on. Every worker runs the same command::

    NEWSCRAWL_REDIS_URL=redis://queue-host:6379/0 scrapy crawl zeenews -O part-$HOSTNAME.jsonl

The queue and duplicate filter come from scrapy-redis (pinned to 0.9.1, the
version tested with Scrapy 2.19), with the pieces that do not fit a shared
crawl replaced: see :mod:`.scheduler` and :mod:`.dupefilter`.
"""

# The scheduler (and scrapy-redis with it) is imported by the SCHEDULER
# setting only, so that the add-on costs nothing where the profile is off.
from newscrawl.distributed.addon import RedisProfile, apply_redis_profile, redis_profile

__all__ = ["RedisProfile", "apply_redis_profile", "redis_profile"]
