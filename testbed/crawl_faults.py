"""Faults injected into a real crawl through settings (`pipeline.py crawl --set ...`), for tests.

`BrokenCallback` is a spider middleware: for a page whose URL contains "raises-in-callback"
the article callback's output raises a NameError, exactly as a typo in the extractor would
(a generator callback raises only when Scrapy iterates it). `BrokenPipeline` is an item
pipeline that raises for an item whose URL contains "raises-in-pipeline".
"""

from __future__ import annotations

SPIDER_MIDDLEWARES = {"testbed.crawl_faults.BrokenCallback": 50}
ITEM_PIPELINES = {"testbed.crawl_faults.BrokenPipeline": 200, "crawler.pipelines.StoreArticlePipeline": 300}


class BrokenCallback:
    async def process_spider_output(self, response, result):
        async for output in result:
            if "raises-in-callback" in response.url:
                raise NameError("name 'extracted_body' is not defined")
            yield output


class BrokenPipeline:
    def process_item(self, item, spider=None):
        if "raises-in-pipeline" in item.url:
            raise KeyError("published_on")
        return item
