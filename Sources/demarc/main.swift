// The `demarc` command line: see DemarcCommand. The only exit of the process.
import DemarcRender
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
// A worker (`demarc __render-worker`, started by the build) goes straight to
// its loop: parsing its one argument through ArgumentParser's reflection
// cost it as long as a render.
if arguments == [RenderWorkerCommand.configuration.commandName!] { exit(WorkerMain.run()) }
exit(await DemarcCommand.run(arguments))
