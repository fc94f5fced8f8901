from conflictcheck.cli import run

run()
