// The `demarc` command line: see DemarcCommand.
DemarcCommand.entry()
