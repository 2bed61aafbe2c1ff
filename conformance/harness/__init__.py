"""The harness: one asyncio loop in a background thread that runs every check."""
