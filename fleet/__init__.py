"""Past one machine: crawler processes sharing one frontier on Redis (scrapy-redis), handing
their output to Redis, and one writer that alone opens the SQLite database."""
