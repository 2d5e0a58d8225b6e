"""Command groups, each loaded as a discord.py extension."""
