"""What the Python end-to-end suites (tests/storage, tests/hosts/cli) share: a failed expectation, and the
command line `<suite>.py CASE --option value ...` that runs the suite's function case_CASE and reports
"<suite> CASE: passed", or "FAILED: <why>" on stderr with exit status 1.

A suite puts this folder on sys.path (its scripts are run by path, not installed) and imports it."""

import argparse
import sys


class Failure(Exception):
    """An expectation that did not hold; its message says which and why."""


def cases_of(namespace):
    """The suite's cases: its functions named case_<name>, by name."""
    return {name[len("case_"):]: fn for name, fn in namespace.items() if name.startswith("case_")}


def run_case(suite, cases, required, optional=None, set_args=None):
    """Parses the command line (the case, then the `required` options and the `optional` ones with their
    help), hands the options to `set_args` before the case runs, and returns the exit status."""
    parser = argparse.ArgumentParser()
    parser.add_argument("case", choices=sorted(cases))
    for option in required:
        parser.add_argument(option, required=True)
    for option, help_text in (optional or {}).items():
        parser.add_argument(option, help=help_text)
    args = parser.parse_args()
    if set_args is not None:
        set_args(args)
    try:
        cases[args.case]()
    except Failure as e:
        print(f"{suite} {args.case}: FAILED: {e}", file=sys.stderr)
        return 1
    print(f"{suite} {args.case}: passed")
    return 0
