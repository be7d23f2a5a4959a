"""Discovery: finding article URLs in sitemaps, feeds and listing pages."""
