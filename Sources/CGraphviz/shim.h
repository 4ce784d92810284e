// The Graphviz C API as the one Swift target that may import it sees it.
// Headers come from the system (Debian libgraphviz-dev), never vendored.
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#include <graphviz/gvplugin.h>
#include <graphviz/gvplugin_textlayout.h>
