// The `demarc` command line: see DemarcCommand.
await DemarcCommand.entry()
