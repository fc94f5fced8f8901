from conflictcheck.cli import main

main()
