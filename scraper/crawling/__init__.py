"""What the spider needs besides deciding what to fetch: the parser pool, the incremental policy."""
