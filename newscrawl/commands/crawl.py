"""``scrapy crawl``, with an exit status that says whether articles were lost.

Scrapy's own command exits 0 whenever the spider started, even if the output
could not be written or a store failed. This one runs the crawl the same way
and then exits 1 when the crawl reported a failure (``newscrawl/failed/*`` in
its stats, see :mod:`newscrawl.failures`), after one log line naming them.
"""

from __future__ import annotations

import argparse
import logging

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from newscrawl.failures import failures

logger = logging.getLogger(__name__)

EXIT_FAILED = 1


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) < 1:
            raise UsageError
        if len(args) > 1:
            raise UsageError("running 'scrapy crawl' with more than one spider is not supported")
        assert self.crawler_process
        crawler = self.crawler_process.create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
            return
        failed = failures(crawler.stats.get_stats()) if crawler.stats else {}
        if failed:
            logger.error(
                "Crawl failed: %s",
                ", ".join(f"{reason} ({count})" for reason, count in sorted(failed.items())),
            )
            self.exitcode = EXIT_FAILED
