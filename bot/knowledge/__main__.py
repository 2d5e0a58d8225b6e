"""`python -m bot.knowledge check | outputs [SLUG ...]`: check the topic files;
fill their expected outputs from real runs under plain Python."""

from __future__ import annotations

import argparse
import sys

from bot.knowledge import demos
from bot.knowledge.library import faq_keys
from bot.knowledge.topics import TopicError, check_all, load_all


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.knowledge")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="check every topic file and the set")
    fill = commands.add_parser("outputs", help="run demos, write their expected outputs")
    fill.add_argument("slugs", nargs="*", help="topics to refresh (default: all)")
    args = parser.parse_args(argv)
    try:
        topics = load_all()
    except TopicError as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.command == "outputs":
        unknown = [s for s in args.slugs if s not in topics]
        if unknown:
            parser.error(f"no such topic: {', '.join(unknown)}")
        for slug in args.slugs or topics:
            try:
                changed = demos.refresh(topics[slug])
            except demos.DemoError as exc:
                print(f"{slug}: {exc}", file=sys.stderr)
                return 1
            print(f"{slug}: {'updated' if changed else 'unchanged'}")
        return 0
    found = check_all(topics, faq_keys())
    for problem in found:
        print(problem)
    print(f"{len(topics)} topics, {len(found)} problems")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
