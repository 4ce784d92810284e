// The `demarc` command line: see DemarcCommand. The only exit of the process.
import Foundation

exit(await DemarcCommand.run(Array(CommandLine.arguments.dropFirst())))
