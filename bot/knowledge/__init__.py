"""Topics, `!ask` ranking and the diagnosis of runs: what the bot knows about asyncio."""
